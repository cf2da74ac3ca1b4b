ALTER TABLE "contacts" ALTER COLUMN "email" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "messenger_contacts" ADD COLUMN "origin" text DEFAULT 'ref' NOT NULL;--> statement-breakpoint
ALTER TABLE "messenger_contacts" ADD COLUMN "linked_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "messenger_contacts" ADD COLUMN "name_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messenger_contacts" ADD COLUMN "name_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "messenger_contacts" ADD COLUMN "name_error" text;--> statement-breakpoint
CREATE INDEX "messenger_contacts_name_due_idx" ON "messenger_contacts" USING btree ("name_due_at") WHERE "messenger_contacts"."name_due_at" is not null;