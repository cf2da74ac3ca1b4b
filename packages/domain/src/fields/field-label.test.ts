import { describe, expect, it } from "vitest";
import { fieldLabel } from "./field-label";
import { fieldValueProblem } from "./field-value-problem";

describe("fieldLabel", () => {
  it("reads an upper-case name as words in sentence case", () => {
    expect(fieldLabel("LOYALTY_POINTS")).toBe("Loyalty points");
    expect(fieldLabel("CITY")).toBe("City");
    expect(fieldLabel("A__B_")).toBe("A b");
  });

  it("names the default fields as people write them", () => {
    expect(fieldLabel("FIRSTNAME")).toBe("First name");
    expect(fieldLabel("LASTNAME")).toBe("Last name");
    expect(fieldLabel("FULLNAME")).toBe("Full name");
  });

  it("keeps a system field's name, which users copy into their code", () => {
    expect(fieldLabel("FBOPTIN_7KQ2")).toBe("FBOPTIN_7KQ2");
  });
});

describe("fieldValueProblem", () => {
  it("says what a typed field's value must be, by its label", () => {
    expect(fieldValueProblem("LOYALTY_POINTS", "number", '"x" is not a number')).toBe(
      "Loyalty points must be a number",
    );
    expect(fieldValueProblem("BIRTHDAY", "date", "…")).toBe("Birthday must be a date (YYYY-MM-DD)");
    expect(fieldValueProblem("VIP", "boolean", "…")).toBe("Vip must be Yes or No");
  });

  it("gives a text field's reason after its label", () => {
    expect(fieldValueProblem("NOTES", "text", "Text can be at most 1,000 characters")).toBe(
      "Notes: Text can be at most 1,000 characters",
    );
  });
});
