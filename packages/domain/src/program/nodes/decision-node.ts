import { z } from "zod";
import { storableText } from "../../text/storable-text";
import { nodeNameSchema } from "../node-name";
import { nodePositionSchema } from "../node-position";
import { programIdSchema } from "../program-id";
import { PROGRAM_LIMITS } from "../program-limits";
import { DECISION_OPERATORS } from "./decision-operators";

/** Zod schema for the value a rule compares with, or an Update contact node writes. */
export const ruleValueSchema = z
  .union([
    storableText().max(PROGRAM_LIMITS.maxValueLength, "The value is too long"),
    z.number(),
    z.boolean(),
  ])
  .default("");

/** Zod schema for "data field <operator> value". */
export const fieldRuleSchema = z.strictObject({
  kind: z.literal("field"),
  field: storableText()
    .max(PROGRAM_LIMITS.maxFieldNameLength, "The field name is too long")
    .default(""),
  operator: z
    .enum(DECISION_OPERATORS, { error: "Choose an operator for the rule" })
    .default("equals"),
  value: ruleValueSchema,
});

/** Zod schema for "has opted in to profile X". */
export const optedInRuleSchema = z.strictObject({
  kind: z.literal("opted_in"),
  profileId: programIdSchema.nullable().default(null),
});

/** Zod schema for a Decision rule. */
export const decisionRuleSchema = z.discriminatedUnion(
  "kind",
  [fieldRuleSchema, optedInRuleSchema],
  {
    error: 'A rule is either { kind: "field" } or { kind: "opted_in" }',
  },
);

/** Zod schema for a Decision node: a Yes/No split on a rule. */
export const decisionNodeSchema = z.strictObject({
  id: programIdSchema,
  type: z.literal("decision"),
  position: nodePositionSchema.default({ x: 0, y: 0 }),
  data: z
    .strictObject({
      name: nodeNameSchema,
      rule: decisionRuleSchema.default({
        kind: "field",
        field: "",
        operator: "equals",
        value: "",
      }),
    })
    .default({ rule: { kind: "field", field: "", operator: "equals", value: "" } }),
});

/** A Decision node. */
export type DecisionNode = z.output<typeof decisionNodeSchema>;

/** A Decision rule. */
export type DecisionRule = z.output<typeof decisionRuleSchema>;
