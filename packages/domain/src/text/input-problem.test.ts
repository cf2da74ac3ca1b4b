import { describe, expect, it } from "vitest";
import { describeInputProblem, inputLabel } from "./input-problem";

describe("inputLabel", () => {
  it("names data field values by the field's label, never by their path", () => {
    expect(inputLabel(["values", "LOYALTY_POINTS"])).toBe("Loyalty points");
    expect(inputLabel(["values", "FIRSTNAME"])).toBe("First name");
  });

  it("reads other keys as words", () => {
    expect(inputLabel(["accountName"])).toBe("Account name");
    expect(inputLabel(["pageId"])).toBe("Page");
    expect(inputLabel(["contactIds", 3])).toBe("Contacts");
    expect(inputLabel(["document", "nodes", 2, "data", "text"])).toBe("Text");
  });

  it("has no label for the whole body", () => {
    expect(inputLabel([])).toBeNull();
    expect(inputLabel(["body"])).toBeNull();
  });
});

describe("describeInputProblem", () => {
  it("makes a sentence of the label and a predicate", () => {
    expect(describeInputProblem(["accountName"], "is required")).toBe("Account name is required");
    expect(describeInputProblem(["status"], "must be Enabled or Disabled")).toBe(
      "Status must be Enabled or Disabled",
    );
  });

  it("keeps an instruction as it is, capitalised", () => {
    expect(describeInputProblem(["pageId"], "choose a Facebook page")).toBe(
      "Choose a Facebook page",
    );
  });

  it("puts any other message after the label", () => {
    expect(describeInputProblem(["email"], "Invalid email address")).toBe(
      "Email: Invalid email address",
    );
    expect(describeInputProblem(["values", "NOTES"], "too long")).toBe("Notes: Too long");
  });

  it("never shows a path", () => {
    const sentence = describeInputProblem(["values", "LOYALTY_POINTS"], "is not a number");
    expect(sentence).toBe("Loyalty points is not a number");
    expect(sentence).not.toMatch(/values\.|LOYALTY_POINTS/);
  });

  it("capitalises a message about the whole body", () => {
    expect(describeInputProblem([], "unknown field(s): owner")).toBe("Unknown field(s): owner");
  });
});
