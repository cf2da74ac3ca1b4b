DROP INDEX "messenger_messages_sent_list_idx";--> statement-breakpoint
DROP INDEX "messenger_messages_delivered_list_idx";--> statement-breakpoint
ALTER TABLE "messenger_messages" ADD COLUMN "sent_day" date;--> statement-breakpoint
ALTER TABLE "messenger_messages" ADD COLUMN "delivered_day" date;--> statement-breakpoint
-- Messages sent before this migration were counted on the day of their visit: they stay there.
UPDATE "messenger_messages" SET "sent_day" = "day",
  "delivered_day" = CASE WHEN "status" IN ('delivered', 'read') THEN "day" END
  WHERE "status" IN ('sent', 'delivered', 'read');--> statement-breakpoint
CREATE INDEX "messenger_messages_sent_list_idx" ON "messenger_messages" USING btree ("profile_id","sent_day","created_at","id") WHERE "messenger_messages"."status" in ('sent', 'delivered', 'read');--> statement-breakpoint
CREATE INDEX "messenger_messages_delivered_list_idx" ON "messenger_messages" USING btree ("profile_id","delivered_day","created_at","id") WHERE "messenger_messages"."status" in ('delivered', 'read');