import { z } from "zod";

/** A merge asked for: the contact `from` goes into the contact named by the path. */
export const contactMergeRequestSchema = z.strictObject({
  from: z.uuid({ message: "must be a contact id" }),
});
export type ContactMergeRequest = z.infer<typeof contactMergeRequestSchema>;

/** What a merge did: `already_merged` when `from` had been merged into this contact before. */
export const contactMergeResultSchema = z.object({
  status: z.enum(["merged", "already_merged"]),
  contactId: z.uuid(),
  mergedContactId: z.uuid(),
  /** Fields the contact had empty, filled from the merged contact. */
  filledFields: z.array(z.string()),
  emailFromMerged: z.boolean(),
  listsAdded: z.number().int(),
  enrolmentsMoved: z.number().int(),
  /** The merged contact's enrolments ended because this contact was in the same program. */
  enrolmentsEnded: z.number().int(),
  messengerLinksMoved: z.number().int(),
  messagesMoved: z.number().int(),
});
export type ContactMergeResult = z.infer<typeof contactMergeResultSchema>;

const previewContactSchema = z.object({
  id: z.uuid(),
  email: z.string().nullable(),
  values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});

/** What merging `from` into a contact would keep, shown before the marketer confirms. */
export const contactMergePreviewSchema = z.object({
  contact: previewContactSchema,
  from: previewContactSchema,
  /** The email the contact keeps: its own, or the merged one's when it has none. */
  email: z.string().nullable(),
  filledFields: z.array(
    z.object({ name: z.string(), value: z.union([z.string(), z.number(), z.boolean()]) }),
  ),
  listsAdded: z.array(z.object({ id: z.uuid(), name: z.string() })),
  programs: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      state: z.enum(["active", "done", "removed"]),
      /** Ended on merge: this contact is active in the same program. */
      ends: z.boolean(),
    }),
  ),
  messagesMoved: z.number().int(),
});
export type ContactMergePreview = z.infer<typeof contactMergePreviewSchema>;
