export { API_ERROR_CODES, type ApiErrorCode } from "./api/api-error-code";
export {
  contactLabel,
  contactName,
  MESSENGER_SUBSCRIBER,
} from "./contacts/contact-label";
export {
  type ContactMergePreview,
  type ContactMergeRequest,
  type ContactMergeResult,
  contactMergePreviewSchema,
  contactMergeRequestSchema,
  contactMergeResultSchema,
} from "./contacts/contact-merge";
export { EMAIL_MAX_LENGTH, type EmailResult, normaliseEmail } from "./contacts/normalise-email";
export {
  DRY_RUN_REASONS,
  type DryRunContactInput,
  type DryRunPath,
  type DryRunStep,
  dryRunContact,
} from "./dry-run/dry-run-contact";
export {
  type DryRunNodeCounts,
  type DryRunReason,
  type DryRunSummary,
  DryRunTally,
} from "./dry-run/dry-run-tally";
export type { ContactSnapshot, MessengerContactState } from "./engine/contact-snapshot";
export { isBlocked } from "./engine/decide-messenger-effects";
export { decideStep, type StepInput } from "./engine/decide-step";
export { evaluateDecisionRule } from "./engine/evaluate-decision-rule";
export {
  FALLBACK_OUTCOMES,
  type StepDecision,
  type StepEffect,
  type StepNext,
} from "./engine/step-effect";
export { waitDurationMs } from "./engine/wait-duration";
export { DEFAULT_FIELDS } from "./fields/default-fields";
export type { FieldDefinition } from "./fields/field-definition";
export { fieldLabel } from "./fields/field-label";
export {
  FIELD_NAME_MAX_LENGTH,
  FIELD_NAME_PATTERN,
  type FieldNameResult,
  fieldNameSchema,
  isFieldName,
  validateFieldName,
} from "./fields/field-name";
export {
  FIELD_TYPE_LABELS,
  FIELD_TYPES,
  type FieldType,
  fieldTypeSchema,
  isFieldType,
} from "./fields/field-type";
export type { FieldValue, FieldValueResult, FieldValues } from "./fields/field-value";
export { fieldValueProblem } from "./fields/field-value-problem";
export { formatFieldValue } from "./fields/format-field-value";
export {
  generateOptInCode,
  isOptInCode,
  OPT_IN_CODE_ALPHABET,
  OPT_IN_CODE_LENGTH,
} from "./fields/opt-in-code";
export { parseFieldInput } from "./fields/parse-field-input";
export { parseFieldValue, TEXT_VALUE_MAX_LENGTH } from "./fields/parse-field-value";
export {
  isSystemFieldName,
  makeOptInFieldName,
  OPT_IN_LINK_PREFIX,
  optInLinkFieldName,
  RESERVED_FIELD_NAMES,
  SYSTEM_FIELD_PREFIX,
} from "./fields/system-field-name";
export { toFieldValue } from "./fields/to-field-value";
export { connectionProblem } from "./messenger/connection-problem";
export {
  decideSendWindow,
  type SendWindowDecision,
  type SendWindowInput,
  STANDARD_WINDOW_MS,
} from "./messenger/decide-send-window";
export {
  type ExplainedReason,
  explainNotSentReason,
  facebookErrorReason,
  formatFacebookError,
  formatNoAnswer,
} from "./messenger/facebook-error-reason";
export { DEFAULT_TAG_ID, getMessageTag } from "./messenger/get-message-tag";
export {
  counterDelta,
  countersOf,
  MESSAGE_EVENTS,
  MESSAGE_STATUSES,
  type MessageCounter,
  type MessageCounters,
  type MessageEvent,
  type MessageStatus,
  nextMessageStatus,
  reasonKindOf,
  statusesMovedBy,
} from "./messenger/message-lifecycle";
export {
  MESSAGE_STATUS_LABELS,
  messageStatusLabel,
} from "./messenger/message-status-labels";
export type { MessageTag, MessagingType, TagCategory, TagRule } from "./messenger/message-tag";
export { MESSAGE_TAGS } from "./messenger/message-tags";
export { MESSAGE_TEXT_MAX_LENGTH } from "./messenger/message-text-limit";
export {
  POLICY_VERSIONS,
  type PolicyVersion,
  policyVersionSchema,
} from "./messenger/policy-version";
export type { ProfileSummary } from "./messenger/profile-summary";
export {
  type ProfileUsage,
  type ProgramRef,
  profileUsageSchema,
  programRefSchema,
} from "./messenger/profile-usage";
export { findPromotionalPhrases, PROMOTIONAL_PHRASES } from "./messenger/promotional-phrases";
export { FACEBOOK_REFUSED_TAGS, facebookRefusal } from "./messenger/refused-tags";
export { type ResolvedMessageTag, resolveMessageTag } from "./messenger/resolve-message-tag";
export { WARNING_REASONS, type WarningReason } from "./messenger/warning-reasons";
export {
  ONBOARDING_STEPS,
  type OnboardingFacts,
  type OnboardingStatus,
  type OnboardingStepId,
  onboardingStatus,
  onboardingStatusSchema,
} from "./onboarding/onboarding-status";
export { safeAppPath } from "./paths/safe-app-path";
export {
  checkRenderedMessage,
  type RenderedMessageCheck,
} from "./personalisation/check-rendered-message";
export { extractPlaceholders } from "./personalisation/extract-placeholders";
export { type RenderedMessage, renderMessage } from "./personalisation/render-message";
export { type TemplateToken, tokenizeTemplate } from "./personalisation/tokenize-template";
export {
  type HeldContacts,
  type LiveEditChoices,
  type LiveEditPlan,
  planLiveEdit,
  type RemovedNodeQuestion,
  type WaitQuestion,
  waitTargets,
} from "./program/live-edit";
export { migrateProgramDocument } from "./program/migrations/migrate-program-document";
export {
  CURRENT_PROGRAM_SCHEMA_VERSION,
  type ProgramMigration,
} from "./program/migrations/program-migrations";
export type { MigrationResult } from "./program/migrations/run-migrations";
export { defaultNodeName, nameNodes, nodeName } from "./program/node-name";
export { NODE_TYPE_LABELS, NODE_TYPES, type NodeType } from "./program/node-types";
export {
  type DecisionNode,
  type DecisionRule,
  decisionNodeSchema,
  decisionRuleSchema,
} from "./program/nodes/decision-node";
export {
  DECISION_OPERATOR_LABELS,
  DECISION_OPERATORS,
  type DecisionOperator,
  OPERATORS_BY_FIELD_TYPE,
  operatorNeedsValue,
} from "./program/nodes/decision-operators";
export { type EndNode, endNodeSchema } from "./program/nodes/end-node";
export { type MessengerNode, messengerNodeSchema } from "./program/nodes/messenger-node";
export { type StartNode, startNodeSchema } from "./program/nodes/start-node";
export {
  type UpdateContactNode,
  updateContactNodeSchema,
} from "./program/nodes/update-contact-node";
export {
  WAIT_UNITS,
  type WaitNode,
  type WaitUnit,
  waitNodeSchema,
} from "./program/nodes/wait-node";
export {
  type DocumentIssue,
  type ParseProgramResult,
  parseProgramDocument,
} from "./program/parse-program-document";
export {
  type ProgramDocument,
  type ProgramDocumentInput,
  programDocumentSchema,
} from "./program/program-document";
export {
  DECISION_HANDLES,
  type DecisionHandle,
  type ProgramEdge,
  programEdgeSchema,
} from "./program/program-edge";
export { indexProgram, type ProgramGraph } from "./program/program-graph";
export { PROGRAM_ID_PATTERN, programIdSchema } from "./program/program-id";
export { PROGRAM_LIMITS } from "./program/program-limits";
export { type ProgramNode, programNodeSchema } from "./program/program-node";
export {
  formatShare,
  lintProgram,
  type PersonalisationCoverage,
  PROGRAM_WARNING_CODES,
  type ProgramWarning,
  type ProgramWarningCode,
} from "./program/validation/lint-program";
export {
  PROGRAM_ISSUE_CODES,
  type ProgramIssue,
  type ProgramIssueCode,
} from "./program/validation/program-issue";
export { validateProgram } from "./program/validation/validate-program";
export type { ListSummary, ValidationContext } from "./program/validation/validation-context";
export { countCodePoints } from "./text/count-code-points";
export { describeInputProblem, inputLabel } from "./text/input-problem";
export {
  isStorableText,
  storableText,
  UNSTORABLE_TEXT_MESSAGE,
} from "./text/storable-text";
export { localDateTime, localDay } from "./time/local-time";
