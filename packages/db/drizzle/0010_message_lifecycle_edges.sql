CREATE TABLE "messenger_people" (
	"profile_id" uuid NOT NULL,
	"psid" text NOT NULL,
	"last_inbound_at" timestamp with time zone,
	"delivered_until" timestamp with time zone,
	"read_until" timestamp with time zone,
	CONSTRAINT "messenger_people_profile_id_psid_pk" PRIMARY KEY("profile_id","psid")
);
--> statement-breakpoint
ALTER TABLE "messenger_messages" ADD COLUMN "call_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messenger_people" ADD CONSTRAINT "messenger_people_profile_id_messenger_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."messenger_profiles"("id") ON DELETE cascade ON UPDATE no action;