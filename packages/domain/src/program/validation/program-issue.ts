/** Every kind of problem validation reports; the UI may key help text on these. */
export const PROGRAM_ISSUE_CODES = [
  "invalid_document",
  "duplicate_node_id",
  "duplicate_edge_id",
  "missing_start",
  "multiple_starts",
  "start_has_inputs",
  "unreachable_node",
  "edge_unknown_source",
  "edge_unknown_target",
  "edge_invalid_handle",
  "duplicate_edge",
  "missing_output",
  "too_many_outputs",
  "end_has_outputs",
  "cycle",
  "start_no_enrolment",
  "start_list_unknown",
  "messenger_profile_missing",
  "messenger_profile_unknown",
  "messenger_profile_disabled",
  "messenger_profile_disconnected",
  "messenger_tag_unknown",
  "messenger_tag_retired",
  "messenger_tag_refused",
  "messenger_text_empty",
  "messenger_text_too_long",
  "messenger_text_empty_after_personalisation",
  "messenger_unknown_placeholder",
  "wait_duration_not_positive",
  "decision_field_missing",
  "decision_field_unknown",
  "decision_operator_invalid",
  "decision_value_missing",
  "decision_value_invalid",
  "decision_profile_missing",
  "decision_profile_unknown",
  "update_field_missing",
  "update_field_unknown",
  "update_field_system",
  "update_value_invalid",
  "end_outcome_missing",
] as const;

/** A kind of program problem. */
export type ProgramIssueCode = (typeof PROGRAM_ISSUE_CODES)[number];

/** One problem with a program, marked on its node or connection when it has one. */
export interface ProgramIssue {
  readonly code: ProgramIssueCode;
  readonly message: string;
  readonly nodeId?: string;
  readonly edgeId?: string;
  /** The Messenger profile at fault, so the app can link to it. */
  readonly profileId?: string;
  /** Where in the document, for problems with its shape ("nodes[3].data.text"). */
  readonly path?: string;
}
