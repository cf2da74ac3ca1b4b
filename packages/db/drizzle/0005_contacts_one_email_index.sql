DROP INDEX "contacts_account_email_prefix_idx";--> statement-breakpoint
DROP INDEX "contacts_account_email_key";--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_account_email_key" ON "contacts" USING btree ("account_id","email" text_pattern_ops);