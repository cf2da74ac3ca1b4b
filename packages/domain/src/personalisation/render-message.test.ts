import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { FieldDefinition } from "../fields/field-definition";
import type { FieldValues } from "../fields/field-value";
import { checkRenderedMessage } from "./check-rendered-message";
import { renderMessage } from "./render-message";

const FIELDS: FieldDefinition[] = [
  { name: "FIRSTNAME", type: "text", defaultValue: "there" },
  { name: "LASTNAME", type: "text", defaultValue: null },
  { name: "CITY", type: "text" },
  { name: "POINTS", type: "number", defaultValue: 0 },
  { name: "BIRTHDAY", type: "date", defaultValue: null },
  { name: "VIP", type: "boolean", defaultValue: false },
  { name: "A", type: "text" },
  { name: "B", type: "text" },
];

describe("renderMessage", () => {
  test.each<[string, string, FieldValues, string]>([
    ["plain text", "Hello", {}, "Hello"],
    ["contact value", "Hi @FIRSTNAME@", { FIRSTNAME: "Ana" }, "Hi Ana"],
    ["default when absent", "Hi @FIRSTNAME@", {}, "Hi there"],
    ["default when null", "Hi @FIRSTNAME@", { FIRSTNAME: null }, "Hi there"],
    ["default when empty text", "Hi @FIRSTNAME@", { FIRSTNAME: "" }, "Hi there"],
    ["empty without default", "Hi @LASTNAME@.", {}, "Hi ."],
    ["no default key at all", "[@CITY@]", {}, "[]"],
    ["unknown field renders empty", "Hi @NOPE@!", { NOPE: "x" }, "Hi !"],
    ["adjacent placeholders", "@A@@B@", { A: "x", B: "y" }, "xy"],
    ["adjacent with one missing", "@A@@B@", { B: "y" }, "y"],
    ["escaped at", "Write to us @@ shop", {}, "Write to us @ shop"],
    ["escape next to placeholder", "@@@A@", { A: "x" }, "@x"],
    ["email stays literal", "mail me at a@b.com", {}, "mail me at a@b.com"],
    ["number", "You have @POINTS@ points", { POINTS: 12.5 }, "You have 12.5 points"],
    ["number default 0", "You have @POINTS@ points", {}, "You have 0 points"],
    ["date", "Born @BIRTHDAY@", { BIRTHDAY: "1990-02-01" }, "Born 1990-02-01"],
    ["yes", "VIP: @VIP@", { VIP: true }, "VIP: Yes"],
    ["no via default", "VIP: @VIP@", {}, "VIP: No"],
    ["value of the wrong type falls back", "VIP: @VIP@", { VIP: "banana" }, "VIP: No"],
    ["non-ASCII value", "Olá @FIRSTNAME@ 😀", { FIRSTNAME: "João" }, "Olá João 😀"],
    ["value containing @", "@A@", { A: "@B@" }, "@B@"],
  ])("%s", (_name, template, values, expected) => {
    expect(renderMessage(template, values, FIELDS).text).toBe(expected);
  });

  test("length counts code points, not UTF-16 units or bytes", () => {
    const rendered = renderMessage("@A@ 😀", { A: "é" }, FIELDS);
    expect(rendered).toEqual({ text: "é 😀", length: 3 });
  });

  test("ignores values inherited from the prototype", () => {
    const values = Object.create({ A: "inherited" }) as FieldValues;
    expect(renderMessage("@A@", values, FIELDS).text).toBe("");
  });
});

describe("checkRenderedMessage", () => {
  const render = (template: string, values: FieldValues = {}) =>
    checkRenderedMessage(renderMessage(template, values, FIELDS));

  test.each<[string, string, FieldValues, object]>([
    ["ordinary", "Hi @FIRSTNAME@", {}, { ok: true }],
    ["2,000 emoji is exactly the limit", "😀".repeat(2000), {}, { ok: true }],
    ["2,000 code points with a value", `${"x".repeat(1997)}@A@`, { A: "abc" }, { ok: true }],
    [
      "empty after personalisation",
      "@LASTNAME@",
      {},
      { ok: false, reason: "message is empty after personalisation" },
    ],
    [
      "only spaces after personalisation",
      " @LASTNAME@ \n",
      {},
      { ok: false, reason: "message is empty after personalisation" },
    ],
    [
      "2,001 characters after personalisation",
      `${"x".repeat(1998)}@A@`,
      { A: "abc" },
      { ok: false, reason: "message is longer than 2,000 characters after personalisation" },
    ],
    [
      "2,001 emoji",
      "😀".repeat(2001),
      {},
      { ok: false, reason: "message is longer than 2,000 characters after personalisation" },
    ],
  ])("%s", (_name, template, values, expected) => {
    expect(render(template, values)).toEqual(expected);
  });
});

describe("rendering never throws", () => {
  test("on arbitrary templates and values", () => {
    const value = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
    );
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 300 }),
        fc.dictionary(
          fc.constantFrom("A", "B", "FIRSTNAME", "POINTS", "VIP", "BIRTHDAY", "X"),
          value,
        ),
        (template, values) => {
          const rendered = renderMessage(template, values, FIELDS);
          expect(rendered.length).toBeLessThanOrEqual(rendered.text.length);
          checkRenderedMessage(rendered);
        },
      ),
      { numRuns: 500 },
    );
  });

  test("text without @ renders unchanged", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const plain = text.replaceAll("@", "");
        expect(renderMessage(plain, {}, FIELDS).text).toBe(plain);
      }),
    );
  });
});
