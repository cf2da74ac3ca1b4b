/**
 * Structural bounds of a program document: generous for real programs, small enough that a
 * hostile or broken document is refused before any work is done on it.
 */
export const PROGRAM_LIMITS = {
  maxNodes: 2000,
  maxEdges: 4000,
  maxIdLength: 64,
  /** Drafts may hold longer text than Facebook accepts; validation then reports it. */
  maxStoredTextLength: 10_000,
  maxFieldNameLength: 64,
  maxValueLength: 2000,
  maxOutcomeLength: 100,
  maxNodeNameLength: 80,
  maxWaitAmount: 100_000,
  maxCoordinate: 10_000_000,
  maxReportedIssues: 100,
} as const;
