ALTER TABLE "messenger_profiles" ADD COLUMN "sender_id" text;--> statement-breakpoint
ALTER TABLE "messenger_profiles" ADD COLUMN "sender_until" timestamp with time zone;