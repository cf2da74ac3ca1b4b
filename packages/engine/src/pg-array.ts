// The helper lives in @waymark/db, which the sandbox shares; the engine's modules import it here.
export { type ArrayElement, pgArray, unnestRows } from "@waymark/db";
