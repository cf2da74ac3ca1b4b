import {
  DECISION_OPERATOR_LABELS,
  DECISION_OPERATORS,
  type DecisionRule,
  OPERATORS_BY_FIELD_TYPE,
  operatorNeedsValue,
} from "@waymark/domain";
import { useId } from "react";
import { useEditor } from "../editor-context";
import type { FlowNodeOf } from "../flow-types";
import { SelectField } from "./select-field";
import { TypedValueInput } from "./typed-value-input";

const FIELD_RULE: DecisionRule = { kind: "field", field: "", operator: "equals", value: "" };

/** Decision: a Yes/No split on a data field rule, or on opt-in to a Messenger profile. */
export function DecisionPanel({ node }: { node: FlowNodeOf<"decision"> }) {
  const { store, fields, profiles } = useEditor();
  const name = useId();
  const { rule } = node.data;
  const setRule = (next: DecisionRule, key?: string) =>
    store.updateNode(
      node.id,
      (n) => (n.type === "decision" ? { ...n, data: { rule: next } } : n),
      key && `${node.id}:${key}`,
    );
  const field = rule.kind === "field" ? fields.find((f) => f.name === rule.field) : undefined;
  const operators = field ? OPERATORS_BY_FIELD_TYPE[field.type] : DECISION_OPERATORS;
  return (
    <>
      <fieldset className="radio-group">
        <legend>Decide on</legend>
        <label>
          <input
            type="radio"
            name={name}
            checked={rule.kind === "field"}
            onChange={() => setRule(FIELD_RULE)}
          />
          A data field
        </label>
        <label>
          <input
            type="radio"
            name={name}
            checked={rule.kind === "opted_in"}
            onChange={() => setRule({ kind: "opted_in", profileId: null })}
          />
          Has opted in to a Messenger profile
        </label>
      </fieldset>
      {rule.kind === "opted_in" ? (
        <SelectField
          label="Messenger profile"
          value={rule.profileId ?? ""}
          onChange={(e) => setRule({ kind: "opted_in", profileId: e.target.value || null })}
          hint="Yes when the contact has opted in to this profile."
        >
          <option value="">Choose a profile…</option>
          {rule.profileId !== null && !profiles.some((p) => p.id === rule.profileId) && (
            <option value={rule.profileId}>Deleted profile</option>
          )}
          {profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.status === "disabled" ? `${p.name} (disabled)` : p.name}
            </option>
          ))}
        </SelectField>
      ) : (
        <>
          <SelectField
            label="Data field"
            value={rule.field}
            onChange={(e) => {
              const next = fields.find((f) => f.name === e.target.value);
              const allowed = next ? OPERATORS_BY_FIELD_TYPE[next.type] : DECISION_OPERATORS;
              const operator = allowed.includes(rule.operator) ? rule.operator : allowed[0]!;
              setRule({ kind: "field", field: e.target.value, operator, value: "" });
            }}
          >
            <option value="">Choose a field…</option>
            {rule.field !== "" && !field && (
              <option value={rule.field}>{rule.field} (deleted)</option>
            )}
            {fields.map((f) => (
              <option key={f.name} value={f.name}>
                {f.name}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Operator"
            value={rule.operator}
            onChange={(e) => {
              const operator = DECISION_OPERATORS.find((o) => o === e.target.value);
              if (operator) setRule({ ...rule, operator });
            }}
          >
            {operators.map((o) => (
              <option key={o} value={o}>
                {DECISION_OPERATOR_LABELS[o]}
              </option>
            ))}
          </SelectField>
          {operatorNeedsValue(rule.operator) && (
            <TypedValueInput
              label="Value"
              fieldType={field?.type}
              value={rule.value}
              onChange={(value) => setRule({ ...rule, value }, "value")}
            />
          )}
        </>
      )}
    </>
  );
}
