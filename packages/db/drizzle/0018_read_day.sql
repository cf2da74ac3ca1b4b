ALTER TABLE "messenger_messages" ADD COLUMN "read_day" date;--> statement-breakpoint
UPDATE "messenger_messages" AS m SET "read_day" = (m."read_at" AT TIME ZONE a."time_zone")::date FROM "accounts" AS a WHERE a."id" = m."account_id" AND m."read_at" IS NOT NULL;
