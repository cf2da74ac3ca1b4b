import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

// The lifecycle folder is the one owner of a Messenger message's status: this reads every
// source file of the repository and finds any other that writes it, by SQL or by Drizzle.
// Tests, test harnesses and benchmarks seed rows as fixtures and are not looked at.

const root = join(import.meta.dirname, "../../../..");
const owner = "packages/engine/src/lifecycle/";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return ["node_modules", "dist", "testing", "bench", "migrations"].includes(entry.name)
        ? []
        : sourceFiles(path);
    }
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The statements of `text` that write a message's status: its first status, or a new one. */
function statusWrites(text: string): string[] {
  const writes: string[] = [];
  for (const m of text.matchAll(/update\s+messenger_messages\b([\s\S]*?)\bwhere\b/gi)) {
    // Only the SET list: `status` on the left of an assignment.
    if (/(^|[\s,.])status\s*=/i.test(m[1]!.replace(/^[\s\S]*?\bset\b/i, " "))) writes.push(m[0]);
  }
  for (const m of text.matchAll(/insert\s+into\s+messenger_messages\b/gi)) writes.push(m[0]);
  for (const m of text.matchAll(/\.(update|insert)\(\s*messengerMessages\s*\)/g)) writes.push(m[0]);
  // Raw SQL naming the table through its schema object, or an alias of it (see the README).
  const names = ["messengerMessages", "message"];
  for (const m of text.matchAll(/const (\w+) = (?:alias\(\s*)?messengerMessages\b/g))
    names.push(m[1]!);
  for (const name of names) {
    const table = `\\$\\{(?:tableAs\\()?${name}\\)?\\}`;
    const set = new RegExp(`update\\s+${table}\\s+set\\b([\\s\\S]*?)\\bwhere\\b`, "g");
    for (const m of text.matchAll(set)) {
      if (/(^|[\s,])(status|\$\{named\(\w+\.status\)\})\s*=/.test(m[1]!)) writes.push(m[0]);
    }
    for (const m of text.matchAll(new RegExp(`insert\\s+into\\s+${table}`, "g"))) writes.push(m[0]);
  }
  return writes;
}

describe("the message lifecycle's owner", () => {
  it("finds status writes in SQL and Drizzle, and not a status only read", () => {
    expect(
      statusWrites("update messenger_messages m set status = 'sent' where m.id = 1"),
    ).toHaveLength(1);
    expect(
      statusWrites("UPDATE messenger_messages SET reason = null,\n status = $1 WHERE"),
    ).toHaveLength(1);
    expect(statusWrites("insert into messenger_messages (id) values (1)")).toHaveLength(1);
    expect(statusWrites("db.update(messengerMessages).set({ status })")).toHaveLength(1);
    expect(
      statusWrites(
        "update messenger_messages m set call_started_at = now() where m.status = 'in_flight'",
      ),
    ).toEqual([]);
    expect(statusWrites("select status from messenger_messages where status = 'sent'")).toEqual([]);
    const m = 'const m = alias(messengerMessages, "m");\n';
    expect(
      statusWrites(`${m}update \${tableAs(m)} set \${named(m.status)} = 'sent' where`),
    ).toHaveLength(1);
    expect(statusWrites(`insert into \${messengerMessages} (id) values (1)`)).toHaveLength(1);
    expect(statusWrites(`${m}update \${tableAs(m)} set \${named(m.reason)} = null where`)).toEqual(
      [],
    );
    expect(
      statusWrites(`update \${tableAs(p)} set \${named(p.status)} = 'disabled' where`),
    ).toEqual([]);
  });

  it("is the lifecycle folder: no other source file writes a message's status", () => {
    const files = [...sourceFiles(join(root, "packages")), ...sourceFiles(join(root, "apps"))].map(
      (path) => relative(root, path),
    );
    expect(files).toContain(`${owner}claim-due-messages.ts`);
    const elsewhere = files
      .filter((file) => !file.startsWith(owner))
      .filter((file) => statusWrites(readFileSync(join(root, file), "utf8")).length > 0);
    expect(elsewhere).toEqual([]);
  });
});
