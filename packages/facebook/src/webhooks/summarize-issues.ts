import type { z } from "zod";

/** A one-line account of the first few schema issues, e.g. `entry.0.id: Invalid input`. */
export function summarizeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
}
