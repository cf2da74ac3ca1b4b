CREATE TABLE "enrolment_history" (
	"enrolment_id" bigint NOT NULL,
	"visit" integer NOT NULL,
	"program_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"node_ids" text[] NOT NULL,
	"outcomes" text[],
	CONSTRAINT "enrolment_history_enrolment_id_visit_pk" PRIMARY KEY("enrolment_id","visit")
);
--> statement-breakpoint
-- One row per turn: the steps an enrolment took at one time, in visit order.
INSERT INTO "enrolment_history" ("enrolment_id", "visit", "program_id", "at", "node_ids", "outcomes")
SELECT "enrolment_id", min("visit"), "program_id", "at", array_agg("node_id" ORDER BY "visit"),
	CASE WHEN bool_or("outcome" IS NOT NULL) THEN array_agg("outcome" ORDER BY "visit") END
FROM "enrolment_steps"
GROUP BY "enrolment_id", "program_id", "at";
--> statement-breakpoint
DROP TABLE "enrolment_steps" CASCADE;--> statement-breakpoint
DROP INDEX "enrolments_program_contact_idx";--> statement-breakpoint
CREATE INDEX "enrolment_history_program_at_idx" ON "enrolment_history" USING btree ("program_id","at","enrolment_id");--> statement-breakpoint
-- History goes with its enrolment (a contact, program or account deleted): one statement per
-- delete instead of a foreign-key check on every history row the engine inserts.
CREATE FUNCTION "enrolment_history_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM "enrolment_history" h USING "deleted_enrolments" d WHERE h."enrolment_id" = d."id";
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "enrolments_delete_history" AFTER DELETE ON "enrolments"
	REFERENCING OLD TABLE AS "deleted_enrolments"
	FOR EACH STATEMENT EXECUTE FUNCTION "enrolment_history_delete"();
--> statement-breakpoint
-- Half of each contacts page is left free, so that a changed contact (an Update contact node,
-- an import, the opt-in webhook) is rewritten in place as a heap-only tuple instead of adding
-- an entry to each of the table's four indexes. Applies to pages written from now on.
ALTER TABLE "contacts" SET (fillfactor = 50);
