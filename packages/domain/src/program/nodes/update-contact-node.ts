import { z } from "zod";
import { storableText } from "../../text/storable-text";
import { nodeNameSchema } from "../node-name";
import { nodePositionSchema } from "../node-position";
import { programIdSchema } from "../program-id";
import { PROGRAM_LIMITS } from "../program-limits";
import { ruleValueSchema } from "./decision-node";

/** Zod schema for an Update contact node: sets one data field; an empty value clears it. */
export const updateContactNodeSchema = z.strictObject({
  id: programIdSchema,
  type: z.literal("update_contact"),
  position: nodePositionSchema.default({ x: 0, y: 0 }),
  data: z
    .strictObject({
      name: nodeNameSchema,
      field: storableText()
        .max(PROGRAM_LIMITS.maxFieldNameLength, "The field name is too long")
        .default(""),
      value: ruleValueSchema,
    })
    .default({ field: "", value: "" }),
});

/** An Update contact node. */
export type UpdateContactNode = z.output<typeof updateContactNodeSchema>;
