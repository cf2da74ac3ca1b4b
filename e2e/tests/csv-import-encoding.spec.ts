import { expect, signUpThroughUi, test } from "../fixtures/test";

/** Text as Windows-1252 bytes (what Excel's "CSV" writes on Western Windows). */
function windows1252(text: string): Buffer {
  const high: Record<string, number> = { "\u201c": 0x93, "\u201d": 0x94, "\u20ac": 0x80 };
  return Buffer.from(Array.from(text, (c) => high[c] ?? c.charCodeAt(0)));
}

async function openImport(page: import("@playwright/test").Page, company: string) {
  await signUpThroughUi(page, company);
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Contacts" })
    .click();
  await page.getByRole("link", { name: "Import CSV" }).click();
}

test("a Windows-1252 file is recognised and imported with its accents", async ({ page }) => {
  await openImport(page, "Encoding Co");
  await page.getByLabel("CSV file").setInputFiles({
    name: "excel.csv",
    mimeType: "text/csv",
    buffer: windows1252("Email,Prénom\r\nzoe@example.com,Zoë “Z” €\r\n"),
  });
  await expect(page.getByLabel("File encoding")).toHaveValue("windows-1252");
  await expect(page.getByText("This file is not UTF-8")).toBeVisible();
  await page.getByLabel("Data field for Prénom").selectOption("FIRSTNAME");
  await page.getByRole("button", { name: "Start import" }).click();
  const summary = page.getByRole("region", { name: "Import summary" });
  await expect(summary).toContainText("1 new contacts");

  await page
    .getByRole("navigation", { name: "Contacts" })
    .getByRole("link", { name: "All contacts" })
    .click();
  await page.getByRole("searchbox", { name: "Search contacts" }).fill("zoe@example.com");
  await page.getByRole("link", { name: "zoe@example.com" }).click();
  await expect(page.getByLabel("First name", { exact: true })).toHaveValue("Zoë “Z” €");
});

test("a file read as UTF-8 that is not is refused, naming the line", async ({ page }) => {
  await openImport(page, "Wrong Encoding Co");
  await page.getByLabel("CSV file").setInputFiles({
    name: "excel.csv",
    mimeType: "text/csv",
    buffer: windows1252("Email,First name\r\nzoe@example.com,Zoë\r\n"),
  });
  await page.getByLabel("File encoding").selectOption("utf-8");
  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByRole("alert")).toContainText("Line 2 is not UTF-8 text");
  await expect(page.getByRole("alert")).toContainText("Nothing was imported.");
});
