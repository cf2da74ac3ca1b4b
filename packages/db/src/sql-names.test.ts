import { sql } from "drizzle-orm";
import { alias, PgDialect, pgSchema, text as textColumn } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { messengerDailyStats, messengerMessages } from "./schema";
import { named, tableAs } from "./sql-names";

const text = (query: ReturnType<typeof sql>) => new PgDialect().sqlToQuery(query).sql;

describe("schema names in raw SQL", () => {
  it("names an aliased table with its alias, and its columns through the alias", () => {
    const m = alias(messengerMessages, "m");
    expect(
      text(sql`update ${tableAs(m)} set ${named(m.sentDay)} = now() where ${m.status} = 'sent'`),
    ).toBe(`update "messenger_messages" as "m" set "sent_day" = now() where "m"."status" = 'sent'`);
  });

  it("names a table without an alias by its name, its columns qualified by it", () => {
    expect(
      text(sql`insert into ${tableAs(messengerDailyStats)} (${named(messengerDailyStats.notSent)})
        select 1 on conflict do update set ${named(messengerDailyStats.notSent)} = ${messengerDailyStats.notSent} + 1`),
    ).toBe(`insert into "messenger_daily_stats" ("not_sent")
        select 1 on conflict do update set "not_sent" = "messenger_daily_stats"."not_sent" + 1`);
  });

  it("keeps a table's schema", () => {
    const people = pgSchema("fb_sandbox").table("people", { id: textColumn("id") });
    expect(text(sql`select 1 from ${tableAs(alias(people, "p"))}`)).toBe(
      `select 1 from "fb_sandbox"."people" as "p"`,
    );
  });
});
