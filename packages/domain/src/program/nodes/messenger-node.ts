import { z } from "zod";
import { DEFAULT_TAG_ID } from "../../messenger/get-message-tag";
import { storableText } from "../../text/storable-text";
import { nodeNameSchema } from "../node-name";
import { nodePositionSchema } from "../node-position";
import { programIdSchema } from "../program-id";
import { PROGRAM_LIMITS } from "../program-limits";

/** Zod schema for a Messenger node: profile, tag (default Response) and message template. */
export const messengerNodeSchema = z.strictObject({
  id: programIdSchema,
  type: z.literal("messenger"),
  position: nodePositionSchema.default({ x: 0, y: 0 }),
  data: z
    .strictObject({
      name: nodeNameSchema,
      profileId: programIdSchema.nullable().default(null),
      tagId: storableText().max(PROGRAM_LIMITS.maxIdLength).default(DEFAULT_TAG_ID),
      text: storableText()
        .max(
          PROGRAM_LIMITS.maxStoredTextLength,
          `Message text can be at most ${PROGRAM_LIMITS.maxStoredTextLength} characters`,
        )
        .default(""),
    })
    .default({ profileId: null, tagId: DEFAULT_TAG_ID, text: "" }),
});

/** A Messenger node. */
export type MessengerNode = z.output<typeof messengerNodeSchema>;
