import type { Driver } from "@waymark/db";
import { rowsOf } from "@waymark/db";
import { sql } from "drizzle-orm";
import { ADMIN_PAGE, createSandboxProfile } from "./sandbox-login";
import { createTestApp, type TestApp, TestBrowser } from "./test-app";

/**
 * A test app with a signed-up account, a sandbox profile on the admin's Page (its FBOPTIN
 * field's name) and an API key: where Messenger subscribers' tests start.
 */
export async function openShop(driver: Driver, accountName: string) {
  const t = await createTestApp(driver);
  const browser = new TestBrowser(t.app);
  const { accountId } = await browser.signUp(accountName);
  const res = await createSandboxProfile(browser, { name: "Shop", pageId: ADMIN_PAGE });
  const profileId = ((await res.json()) as { id: string }).id;
  const [{ field }] = rowsOf<{ field: string }>(
    await t.db.execute(
      sql`select opt_in_field_name as field from messenger_profiles where id = ${profileId}::uuid`,
    ),
  ) as [{ field: string }];
  const key = await browser.request("POST", "/api/api-keys", { name: "ci" });
  const apiKey = ((await key.json()) as { key: string }).key;
  return { t, browser, accountId, profileId, field, apiKey };
}

/**
 * A sandbox person clicks Send to Messenger on a web page of the admin's Page, through the
 * plugin's endpoint over HTTP (`ref` as the page carries it, or none); returns their PSID.
 */
export async function clickSendToMessenger(
  t: TestApp,
  personId: string,
  ref: string | null = null,
): Promise<string> {
  const res = await fetch(`${t.url}/fb-sandbox/plugins/send-to-messenger`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: "https://shop.example" },
    body: JSON.stringify({
      app_id: t.runtime.deps.messenger.appId,
      page_id: ADMIN_PAGE,
      person_id: personId,
      ref,
    }),
  });
  if (res.status !== 200) throw new Error(`Send to Messenger: ${res.status} ${await res.text()}`);
  return t.runtime.sandbox!.admin.thread({ personId, pageId: ADMIN_PAGE })!.psid;
}
