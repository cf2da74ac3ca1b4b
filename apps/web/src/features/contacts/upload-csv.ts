import { api, unwrap } from "../../lib/api-client";

/** Streams the file to a started import and resolves to its final report. */
export function uploadCsv(importId: string, file: File) {
  return unwrap(
    api.contacts.imports[":id"].file.$put(
      { param: { id: importId } },
      { init: { body: file, headers: { "content-type": "text/csv" } } },
    ),
  );
}
