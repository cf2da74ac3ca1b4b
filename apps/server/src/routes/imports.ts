import { Hono } from "hono";
import { ServiceError } from "../errors";
import type { AppEnv } from "../http/app-env";
import { requireJsonBody } from "../http/body-guards";
import { sameOriginOnly } from "../http/csrf";
import { requireSession } from "../http/session-auth";
import { validate } from "../http/validate";
import { getImport, runImport, startImport } from "../services/contacts/csv-import";
import { startImportInput } from "../services/contacts/import-mapping";
import type { ServiceDeps } from "../services/context";
import { idParam } from "./schemas";

const MAX_CSV_BYTES = 512 * 1024 * 1024;

/**
 * CSV import in two steps: POST describes the import (mapping, list), PUT …/file streams the
 * CSV (text/csv) and answers the final report; GET shows progress meanwhile.
 */
export function importRoutes(deps: ServiceDeps, publicUrl: string) {
  return new Hono<AppEnv>()
    .use("*", sameOriginOnly(publicUrl), requireSession(deps))
    .post("/", requireJsonBody, validate("json", startImportInput), async (c) => {
      return c.json(await startImport(deps, c.var.actor, c.req.valid("json")), 201);
    })
    .get("/:id", validate("param", idParam), async (c) =>
      c.json(await getImport(deps, c.var.actor, c.req.valid("param").id)),
    )
    .put("/:id/file", validate("param", idParam), async (c) => {
      const type = c.req.header("content-type") ?? "";
      if (
        !/^(text\/csv|text\/plain|application\/vnd\.ms-excel|application\/octet-stream)\b/i.test(
          type,
        )
      ) {
        throw new ServiceError(415, "unsupported_media_type", "Upload the file as text/csv");
      }
      const body = c.req.raw.body;
      if (!body) throw new ServiceError(400, "invalid_request", "The upload has no file");
      // Sized uploads over the limit are refused unread; chunked ones are counted as they stream.
      if (Number(c.req.header("content-length") ?? 0) > MAX_CSV_BYTES) {
        throw new ServiceError(413, "payload_too_large", "CSV files can be at most 512 MB");
      }
      const id = c.req.valid("param").id;
      return c.json(await runImport(deps, c.var.actor, id, body, { maxBytes: MAX_CSV_BYTES }));
    });
}
