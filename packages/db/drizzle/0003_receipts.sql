DROP INDEX "messenger_messages_fb_id_idx";--> statement-breakpoint
DROP INDEX "messenger_messages_psid_idx";--> statement-breakpoint
CREATE INDEX "messenger_messages_undelivered_idx" ON "messenger_messages" USING btree ("profile_id","psid","sent_at") WHERE "messenger_messages"."status" in ('sent', 'unknown');--> statement-breakpoint
CREATE INDEX "messenger_messages_unread_idx" ON "messenger_messages" USING btree ("profile_id","psid","sent_at") WHERE "messenger_messages"."status" = 'delivered';