CREATE TABLE "enrolment_steps" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enrolment_steps_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"enrolment_id" bigint NOT NULL,
	"program_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"visit" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"outcome" text
);
--> statement-breakpoint
CREATE TABLE "enrolments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enrolments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"account_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"program_version" integer NOT NULL,
	"contact_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"next_node_id" text,
	"visit" integer DEFAULT 0 NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'active' NOT NULL,
	"outcome" text,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "messenger_daily_reasons" (
	"profile_id" uuid NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "messenger_daily_reasons_profile_id_day_kind_reason_pk" PRIMARY KEY("profile_id","day","kind","reason")
);
--> statement-breakpoint
CREATE TABLE "messenger_daily_stats" (
	"profile_id" uuid NOT NULL,
	"day" date NOT NULL,
	"sent" integer DEFAULT 0 NOT NULL,
	"delivered" integer DEFAULT 0 NOT NULL,
	"read" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"not_sent" integer DEFAULT 0 NOT NULL,
	"unknown" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "messenger_daily_stats_profile_id_day_pk" PRIMARY KEY("profile_id","day")
);
--> statement-breakpoint
CREATE TABLE "messenger_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"profile_id" uuid NOT NULL,
	"program_id" uuid,
	"node_id" text NOT NULL,
	"enrolment_id" bigint NOT NULL,
	"visit" integer NOT NULL,
	"contact_id" uuid NOT NULL,
	"psid" text,
	"messaging_type" text,
	"tag" text,
	"text" text,
	"uses_extra" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"fb_message_id" text,
	"error_code" integer,
	"error_subcode" integer,
	"error_message" text,
	"day" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "program_node_counts" (
	"program_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"passed" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "program_node_counts_program_id_node_id_pk" PRIMARY KEY("program_id","node_id")
);
--> statement-breakpoint
ALTER TABLE "messenger_profiles" ALTER COLUMN "send_rate_per_second" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "messenger_profiles" ALTER COLUMN "send_rate_per_second" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "enrolment_total" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "enrolment_done" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "activated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "list_cursor" uuid;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "list_synced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "enrolment_steps" ADD CONSTRAINT "enrolment_steps_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messenger_daily_reasons" ADD CONSTRAINT "messenger_daily_reasons_profile_id_messenger_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."messenger_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messenger_daily_stats" ADD CONSTRAINT "messenger_daily_stats_profile_id_messenger_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."messenger_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messenger_messages" ADD CONSTRAINT "messenger_messages_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messenger_messages" ADD CONSTRAINT "messenger_messages_profile_id_messenger_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."messenger_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messenger_messages" ADD CONSTRAINT "messenger_messages_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messenger_messages" ADD CONSTRAINT "messenger_messages_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_node_counts" ADD CONSTRAINT "program_node_counts_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enrolment_steps_contact_idx" ON "enrolment_steps" USING btree ("contact_id","at");--> statement-breakpoint
CREATE INDEX "enrolment_steps_program_node_idx" ON "enrolment_steps" USING btree ("program_id","node_id","at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "enrolments_active_key" ON "enrolments" USING btree ("program_id","contact_id") WHERE "enrolments"."state" = 'active';--> statement-breakpoint
CREATE INDEX "enrolments_due_idx" ON "enrolments" USING btree ("due_at","id") WHERE "enrolments"."state" = 'active';--> statement-breakpoint
CREATE INDEX "enrolments_program_node_idx" ON "enrolments" USING btree ("program_id","node_id") WHERE "enrolments"."state" = 'active';--> statement-breakpoint
CREATE INDEX "enrolments_contact_idx" ON "enrolments" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "enrolments_program_contact_idx" ON "enrolments" USING btree ("program_id","contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "messenger_messages_visit_key" ON "messenger_messages" USING btree ("enrolment_id","node_id","visit");--> statement-breakpoint
CREATE INDEX "messenger_messages_queue_idx" ON "messenger_messages" USING btree ("next_attempt_at","id") WHERE "messenger_messages"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "messenger_messages_lease_idx" ON "messenger_messages" USING btree ("lease_until") WHERE "messenger_messages"."status" = 'in_flight';--> statement-breakpoint
CREATE INDEX "messenger_messages_fb_id_idx" ON "messenger_messages" USING btree ("fb_message_id");--> statement-breakpoint
CREATE INDEX "messenger_messages_psid_idx" ON "messenger_messages" USING btree ("profile_id","psid","sent_at") WHERE "messenger_messages"."status" in ('sent', 'delivered');--> statement-breakpoint
CREATE INDEX "messenger_messages_sent_list_idx" ON "messenger_messages" USING btree ("profile_id","day","created_at","id") WHERE "messenger_messages"."status" in ('sent', 'delivered', 'read');--> statement-breakpoint
CREATE INDEX "messenger_messages_delivered_list_idx" ON "messenger_messages" USING btree ("profile_id","day","created_at","id") WHERE "messenger_messages"."status" in ('delivered', 'read');--> statement-breakpoint
CREATE INDEX "messenger_messages_warning_list_idx" ON "messenger_messages" USING btree ("profile_id","day","created_at","id") WHERE "messenger_messages"."status" in ('not_sent', 'failed', 'unknown');--> statement-breakpoint
CREATE INDEX "messenger_messages_contact_idx" ON "messenger_messages" USING btree ("contact_id","created_at");