import { fieldLabel } from "../fields/field-label";

/** Messages that read as the end of a sentence about the input ("is required"). */
const PREDICATE = /^(is|are|must|can|cannot|has|have|should|was) /;
/** Messages that are already an instruction ("choose a Facebook page"). */
const INSTRUCTION = /^(choose|enter|log in|map|pick|use|add|select|remove|give) /;

/**
 * The label of a request input, from its path: a data field value by its field's label
 * (`values.LOYALTY_POINTS` → "Loyalty points"), any other key in words (`accountName` →
 * "Account name", `pageId` → "Page"). The whole body has no label.
 */
export function inputLabel(path: readonly PropertyKey[]): string | null {
  const keys = path.filter((k): k is string => typeof k === "string");
  const last = keys.at(-1);
  if (!last || last === "body") return null;
  if (keys.at(-2) === "values") return fieldLabel(last);
  const words = last
    .replace(/Ids?$/, (id) => (id === "Ids" ? "s" : ""))
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/_/g, " ")
    .toLowerCase()
    .trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : null;
}

/**
 * A refused input as one sentence for people, naming the input by its label and never by its
 * path: `["accountName"], "is required"` → "Account name is required".
 */
export function describeInputProblem(path: readonly PropertyKey[], message: string): string {
  const label = inputLabel(path);
  const sentence = message.charAt(0).toUpperCase() + message.slice(1);
  if (!label || INSTRUCTION.test(message)) return sentence;
  if (PREDICATE.test(message)) return `${label} ${message}`;
  return `${label}: ${sentence}`;
}
