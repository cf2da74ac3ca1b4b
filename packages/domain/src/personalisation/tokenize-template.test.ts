import { describe, expect, test } from "vitest";
import { extractPlaceholders } from "./extract-placeholders";
import { tokenizeTemplate } from "./tokenize-template";

const t = (text: string) => ({ kind: "text", text });
const p = (name: string) => ({ kind: "placeholder", name });

describe("tokenizeTemplate", () => {
  test.each([
    ["", []],
    ["Hello", [t("Hello")]],
    ["Hi @FIRSTNAME@!", [t("Hi "), p("FIRSTNAME"), t("!")]],
    ["@A@@B@", [p("A"), p("B")]],
    ["@A@ @B@", [p("A"), t(" "), p("B")]],
    ["@@", [t("@")]],
    ["@@@@", [t("@@")]],
    ["50@@ off", [t("50@ off")]],
    ["@@FIRSTNAME@", [t("@FIRSTNAME@")]],
    ["@@@FIRSTNAME@", [t("@"), p("FIRSTNAME")]],
    ["mail me at a@b.com", [t("mail me at a@b.com")]],
    ["mail ANA@EXAMPLE.COM", [t("mail ANA@EXAMPLE.COM")]],
    ["@", [t("@")]],
    ["trailing @", [t("trailing @")]],
    ["@FIRSTNAME", [t("@FIRSTNAME")]],
    ["@firstname@", [t("@firstname@")]],
    ["@1ST@", [t("@1ST@")]],
    ["@_X@", [t("@_X@")]],
    ["@FIRST NAME@", [t("@FIRST NAME@")]],
    ["@ABCDEFGHIJKLMNOPQRST@", [p("ABCDEFGHIJKLMNOPQRST")]],
    ["@ABCDEFGHIJKLMNOPQRSTU@", [t("@ABCDEFGHIJKLMNOPQRSTU@")]],
    ["@X@Y@", [p("X"), t("Y@")]],
    ["Olá @NOME@ 😀", [t("Olá "), p("NOME"), t(" 😀")]],
    ["@FBOPTIN_7KQ2@", [p("FBOPTIN_7KQ2")]],
  ])("%j", (template, expected) => {
    expect(tokenizeTemplate(template)).toEqual(expected);
  });
});

describe("extractPlaceholders", () => {
  test.each([
    ["Hi", []],
    ["Hi @FIRSTNAME@ @LASTNAME@", ["FIRSTNAME", "LASTNAME"]],
    ["@A@@B@@A@", ["A", "B"]],
    ["@@NOT@ a@b.com", []],
  ])("%j → %j", (template, names) => {
    expect(extractPlaceholders(template)).toEqual(names);
  });
});
