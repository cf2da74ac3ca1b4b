import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../testing/test-app";

// biome-ignore lint/suspicious/noExplicitAny: reads an arbitrary document.
type Json = Record<string, any>;

describe("OpenAPI document", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp("pglite");
  });
  afterAll(() => t?.close());

  it("validates as OpenAPI 3 and lists every /api/v1 route", async () => {
    const res = await t.app.request(`${TEST_ORIGIN}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);

    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map(
        (method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`,
      ),
    );
    const routed = t.app.routes
      .filter((r) => r.path.startsWith("/api/v1/") && r.method !== "ALL")
      .map((r) => `${r.method} ${r.path.slice("/api/v1".length)}`)
      .filter((r) => !r.endsWith("/openapi.json") && !r.endsWith("/docs"));
    expect(new Set(documented)).toEqual(new Set(routed));
  });

  it("documents every dry-run endpoint the app has, CSV export included", async () => {
    const doc = (await (await t.app.request(`${TEST_ORIGIN}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    // The app's /api/dry-runs/programs/:id/runs/:runId/… is the public …/dry-runs/:runId/….
    const publicPath = (path: string) =>
      path
        .replace(/^\/api\/dry-runs\/programs\/:id/, "/programs/{id}/dry-runs")
        .replace("/runs/", "/")
        .replace(/:(\w+)/g, "{$1}");
    const appRoutes = t.app.routes.filter(
      (r) => r.path.startsWith("/api/dry-runs/") && r.method !== "ALL",
    );
    expect(appRoutes.length).toBeGreaterThanOrEqual(6);
    const missing = appRoutes
      .map((r) => [r.method.toLowerCase(), publicPath(r.path)] as const)
      .filter(([method, path]) => !doc.paths[path]?.[method])
      .map(([method, path]) => `${method.toUpperCase()} ${path}`);
    expect(missing).toEqual([]);
    const csv = doc.paths["/programs/{id}/dry-runs/{runId}/reasons/{reasonId}/contacts.csv"];
    expect(Object.keys((csv?.get?.responses["200"] as Json | undefined)?.content ?? {})).toEqual([
      "text/csv",
    ]);
  });

  it("documents merging contacts: the request, the answer and the conflict", async () => {
    const doc = (await (await t.app.request(`${TEST_ORIGIN}/api/v1/openapi.json`)).json()) as {
      // biome-ignore lint/suspicious/noExplicitAny: walks the generated document.
      paths: Record<string, any>;
      // biome-ignore lint/suspicious/noExplicitAny: walks the generated document.
      components: { schemas: Record<string, any> };
    };
    const merge = doc.paths["/contacts/{id}/merge"].post;
    expect(merge.requestBody.content["application/json"].schema.$ref).toBe(
      "#/components/schemas/ContactMerge",
    );
    expect(Object.keys(merge.responses)).toEqual(
      expect.arrayContaining(["200", "400", "404", "409"]),
    );
    expect(doc.components.schemas.ContactMerge.required).toEqual(["from"]);
    expect(doc.paths["/contacts/{id}"].get.description).toContain("contact_merged");
    expect(Object.keys(doc.components.schemas.ContactMergeResult.properties)).toEqual(
      expect.arrayContaining(["status", "filledFields", "enrolmentsEnded", "messagesMoved"]),
    );
  });

  it("serves a readable docs page", async () => {
    const res = await t.app.request(`${TEST_ORIGIN}/api/v1/docs`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("/api/v1/openapi.json");
  });
});
