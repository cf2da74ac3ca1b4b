import { z } from "zod";

/** A program named where it blocks something, so the app can link to it. */
export const programRefSchema = z.object({ id: z.uuid(), name: z.string() });
export type ProgramRef = z.infer<typeof programRefSchema>;

/**
 * What the app is told alongside a Messenger profile: the active programs that use it, which
 * block disabling and deleting it (SPEC §4), so the conflict is shown before anyone confirms.
 */
export const profileUsageSchema = z.object({ activePrograms: z.array(programRefSchema) });
export type ProfileUsage = z.infer<typeof profileUsageSchema>;
