import { expect, signUpThroughUi, test } from "../fixtures/test";

function buildCsv(rows: number): string {
  const lines = ["Email,First name,Shoe size"];
  lines.push('ana@example.com,"Ana, the first",38');
  lines.push("bad-email,Nobody,40");
  for (let i = 0; i < rows; i++) lines.push(`person${i}@example.com,Person ${i},${36 + (i % 10)}`);
  return `${lines.join("\r\n")}\r\n`;
}

test("create a field, import a CSV with progress, see and edit a contact", async ({ page }) => {
  await signUpThroughUi(page, "Import Co");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Contacts" })
    .click();
  await page
    .getByRole("navigation", { name: "Contacts" })
    .getByRole("link", { name: "Data fields" })
    .click();

  await page.getByLabel("Field name").fill("SHOESIZE");
  await page.getByLabel("Type").selectOption({ label: "Number" });
  await page.getByRole("button", { name: "Create field" }).click();
  await expect(page.getByRole("cell", { name: "SHOESIZE", exact: true })).toBeVisible();

  await page.getByRole("link", { name: "Import CSV" }).click();
  await page.getByLabel("CSV file").setInputFiles({
    name: "shoppers.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(buildCsv(30_000)),
  });
  await expect(page.getByLabel("Data field for Email")).toHaveValue("EMAIL");
  await expect(page.getByLabel("Data field for First name")).toHaveValue("FIRSTNAME");
  await page.getByLabel("Data field for Shoe size").selectOption("SHOESIZE");
  await page.getByLabel("New list name").fill("Shoppers");
  await page.getByRole("button", { name: "Start import" }).click();

  await expect(page.getByRole("progressbar", { name: "Import progress" })).toBeVisible();
  const summary = page.getByRole("region", { name: "Import summary" });
  await expect(summary).toContainText("30,001 new contacts", { timeout: 60_000 });
  await expect(summary).toContainText("1 rejected");
  await expect(summary.getByRole("cell", { name: /not an email address/ })).toBeVisible();
  await expect(summary.getByRole("cell", { name: "3", exact: true })).toBeVisible();

  await page
    .getByRole("navigation", { name: "Contacts" })
    .getByRole("link", { name: "All contacts" })
    .click();
  await page.getByRole("searchbox", { name: "Search contacts" }).fill("ana@example.com");
  await page.getByRole("link", { name: "ana@example.com" }).click();
  await expect(page.getByLabel("First name", { exact: true })).toHaveValue("Ana, the first");
  await expect(page.getByLabel("Shoesize", { exact: true })).toHaveValue("38");
  await expect(
    page.getByRole("region", { name: "Lists" }).getByRole("link", { name: "Shoppers" }),
  ).toBeVisible();

  await page.getByLabel("Shoesize", { exact: true }).fill("thirty");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("is not a number").first()).toBeVisible();
  await page.getByLabel("Shoesize", { exact: true }).fill("39");
  await page.getByLabel("Last name", { exact: true }).fill("López");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Shoesize", { exact: true })).toHaveValue("39");
  await expect(page.getByLabel("Last name", { exact: true })).toHaveValue("López");
});
