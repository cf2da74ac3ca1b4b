import { z } from "zod";
import { decisionNodeSchema } from "./nodes/decision-node";
import { endNodeSchema } from "./nodes/end-node";
import { messengerNodeSchema } from "./nodes/messenger-node";
import { startNodeSchema } from "./nodes/start-node";
import { updateContactNodeSchema } from "./nodes/update-contact-node";
import { waitNodeSchema } from "./nodes/wait-node";

/** Zod schema for any node, discriminated by `type`. */
export const programNodeSchema = z.discriminatedUnion(
  "type",
  [
    startNodeSchema,
    messengerNodeSchema,
    waitNodeSchema,
    decisionNodeSchema,
    updateContactNodeSchema,
    endNodeSchema,
  ],
  { error: "Unknown node type; use start, messenger, wait, decision, update_contact or end" },
);

/** A node of a program. */
export type ProgramNode = z.output<typeof programNodeSchema>;
