import { describe, expect, it } from "vitest";
import { contactLabel, contactName } from "./contact-label";

describe("contactLabel", () => {
  it("names a contact by email, a subscriber by name, else by PSID", () => {
    expect(contactLabel({ email: "ana@example.com", values: { FIRSTNAME: "Ana" } })).toEqual({
      text: "ana@example.com",
      subscriber: false,
    });
    expect(
      contactLabel({
        email: null,
        values: { FIRSTNAME: "Ana", LASTNAME: "García", FBOPTIN_X: "1" },
      }),
    ).toEqual({ text: "Ana García", subscriber: true });
    expect(contactLabel({ email: null, values: { FBOPTIN_7KQ2: "1254" } })).toEqual({
      text: "1254",
      subscriber: true,
    });
    expect(contactLabel({ email: null, values: {} })).toEqual({ text: "", subscriber: true });
  });

  it("prefers FULLNAME, then first and last name", () => {
    expect(contactName({ FULLNAME: "Dr Ana García", FIRSTNAME: "Ana" })).toBe("Dr Ana García");
    expect(contactName({ LASTNAME: "García" })).toBe("García");
  });
});
