CREATE SCHEMA "fb_sandbox";
--> statement-breakpoint
CREATE TABLE "fb_sandbox"."page_roles" (
	"user_id" text NOT NULL,
	"page_id" text NOT NULL,
	"tasks" text[] NOT NULL,
	CONSTRAINT "page_roles_user_id_page_id_pk" PRIMARY KEY("user_id","page_id")
);
--> statement-breakpoint
CREATE TABLE "fb_sandbox"."pages" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"policy_version" text DEFAULT '2018' NOT NULL,
	"approved_non_promotional_subscription" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fb_sandbox"."settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fb_sandbox"."subscriptions" (
	"page_id" text PRIMARY KEY NOT NULL,
	"fields" text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fb_sandbox"."users" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fb_sandbox"."access_tokens" (
	"token" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"user_id" text NOT NULL,
	"page_id" text,
	"scopes" text[] NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fb_sandbox"."oauth_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"redirect_uri" text NOT NULL,
	"scopes" text[] NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "fb_sandbox"."inbound_messages" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"mid" text NOT NULL,
	"page_id" text NOT NULL,
	"person_id" text NOT NULL,
	"psid" text NOT NULL,
	"text" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fb_sandbox"."sent_messages" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"mid" text NOT NULL,
	"page_id" text NOT NULL,
	"person_id" text NOT NULL,
	"psid" text,
	"user_ref" text,
	"messaging_type" text,
	"tag" text,
	"text" text,
	"attachment" jsonb,
	"metadata" text,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fb_sandbox"."opt_ins" (
	"id" text PRIMARY KEY NOT NULL,
	"page_id" text NOT NULL,
	"person_id" text NOT NULL,
	"source" text NOT NULL,
	"ref" text,
	"user_ref" text,
	"user_ref_sent_at" timestamp with time zone,
	"user_ref_replied_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fb_sandbox"."people" (
	"id" text PRIMARY KEY NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fb_sandbox"."threads" (
	"psid" text PRIMARY KEY NOT NULL,
	"page_id" text NOT NULL,
	"person_id" text NOT NULL,
	"opted_in_at" timestamp with time zone,
	"last_inbound_at" timestamp with time zone,
	"plus_one_used" boolean DEFAULT false NOT NULL,
	"blocked_at" timestamp with time zone,
	"read_watermark" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fb_sandbox"."page_roles" ADD CONSTRAINT "page_roles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "fb_sandbox"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fb_sandbox"."page_roles" ADD CONSTRAINT "page_roles_page_id_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "fb_sandbox"."pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fb_sandbox"."subscriptions" ADD CONSTRAINT "subscriptions_page_id_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "fb_sandbox"."pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fb_sandbox"."access_tokens" ADD CONSTRAINT "access_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "fb_sandbox"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fb_sandbox"."access_tokens" ADD CONSTRAINT "access_tokens_page_id_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "fb_sandbox"."pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fb_sandbox"."oauth_codes" ADD CONSTRAINT "oauth_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "fb_sandbox"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fb_sandbox"."opt_ins" ADD CONSTRAINT "opt_ins_page_id_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "fb_sandbox"."pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fb_sandbox"."opt_ins" ADD CONSTRAINT "opt_ins_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "fb_sandbox"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fb_sandbox"."threads" ADD CONSTRAINT "threads_page_id_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "fb_sandbox"."pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fb_sandbox"."threads" ADD CONSTRAINT "threads_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "fb_sandbox"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inbound_messages_person_page_idx" ON "fb_sandbox"."inbound_messages" USING btree ("person_id","page_id","seq");--> statement-breakpoint
CREATE INDEX "sent_messages_person_page_idx" ON "fb_sandbox"."sent_messages" USING btree ("person_id","page_id","seq");--> statement-breakpoint
CREATE INDEX "opt_ins_person_page_idx" ON "fb_sandbox"."opt_ins" USING btree ("person_id","page_id");--> statement-breakpoint
CREATE UNIQUE INDEX "opt_ins_user_ref_key" ON "fb_sandbox"."opt_ins" USING btree ("page_id","user_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "threads_page_person_key" ON "fb_sandbox"."threads" USING btree ("page_id","person_id");