DROP INDEX "enrolments_program_node_idx";--> statement-breakpoint
DROP INDEX "messenger_messages_held_idx";--> statement-breakpoint
DROP INDEX "enrolments_due_idx";--> statement-breakpoint
ALTER TABLE "enrolments" ADD COLUMN "parked" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Enrolments of programs deactivated before this migration leave the due index too.
UPDATE "enrolments" SET "parked" = true WHERE "state" = 'active' AND "program_id" IN (SELECT "id" FROM "programs" WHERE "status" = 'deactivated');--> statement-breakpoint
CREATE INDEX "enrolments_program_state_node_idx" ON "enrolments" USING btree ("program_id","state","node_id");--> statement-breakpoint
CREATE INDEX "messenger_messages_program_status_idx" ON "messenger_messages" USING btree ("program_id","status");--> statement-breakpoint
CREATE INDEX "messenger_contacts_contact_idx" ON "messenger_contacts" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "enrolments_due_idx" ON "enrolments" USING btree ("due_at","id") WHERE "enrolments"."state" = 'active' and not "enrolments"."parked";
