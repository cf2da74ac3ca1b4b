import { testDrivers } from "@waymark/db/testing";
import { afterAll, beforeAll, describe, it } from "vitest";
import { authErrorCases } from "../testing/auth-error-cases";
import { bodyErrorCases } from "../testing/body-error-cases";
import { expectGraphError } from "../testing/graph-assertions";
import { createHarness, type Harness, type PageSetup } from "../testing/test-harness";

describe.each(testDrivers())("Send API refusals on %s", (driver) => {
  let h: Harness;
  let s: PageSetup;
  beforeAll(async () => {
    h = await createHarness(driver);
    s = await h.setupPage();
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each([...authErrorCases, ...bodyErrorCases])(
    "refuses rule %s",
    async (_rule, request, expected) => {
      await expectGraphError(await request(h, s), expected);
    },
  );
});
