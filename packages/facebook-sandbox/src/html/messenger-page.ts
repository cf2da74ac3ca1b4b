import { html } from "hono/html";
import type { PageRecord, PersonRecord, ThreadRecord } from "../state/records";
import { type Html, layout } from "./layout";

export interface ConversationItem {
  from: "page" | "person";
  text: string;
  at: Date;
  detail?: string;
}

export interface Conversation {
  page: PageRecord;
  thread: ThreadRecord | undefined;
  status: string;
  items: ConversationItem[];
}

/** One person's Messenger: per Page, what it sent (newest first), reply, block. */
export function messengerPage(input: {
  home: string;
  person: PersonRecord;
  conversations: Conversation[];
  otherPages: PageRecord[];
}): Html {
  const { home, person } = input;
  const base = `${home}/people/${person.id}/messenger`;
  const name = `${person.firstName} ${person.lastName}`;
  return layout(
    `Messenger: ${name}`,
    home,
    html`${input.conversations.length === 0 ? html`<p class="card">No conversations yet.</p>` : ""}
${input.conversations.map((c) => conversation(base, c))}
<section aria-labelledby="write-title"><h2 id="write-title">Write to a page</h2>
<form method="post" action="${base}/write"><div class="row">
<div><label for="write-page">Page</label><select id="write-page" name="page_id">
${input.otherPages.map((p) => html`<option value="${p.id}">${p.name}</option>`)}</select></div>
<div><label for="write-text">Message</label><input id="write-text" name="text" required></div>
<button type="submit">Send message</button></div></form></section>`,
  );
}

function conversation(base: string, c: Conversation): Html {
  const id = `conv-${c.page.id}`;
  const blocked = c.thread?.blockedAt != null;
  return html`<section aria-labelledby="${id}"><h2 id="${id}">${c.page.name}</h2>
<p class="muted">${c.status}</p>
<form method="post" action="${base}/${c.page.id}/reply"><div class="row">
<div><label for="${id}-reply">Reply to ${c.page.name}</label><input id="${id}-reply" name="text" required></div>
<button type="submit">Reply</button></div></form>
<form method="post" action="${base}/${c.page.id}/${blocked ? "unblock" : "block"}" style="margin-top:.5rem">
<button type="submit" class="${blocked ? "secondary" : "danger"}">${blocked ? "Unblock" : "Block"} ${c.page.name}</button></form>
<ol class="thread" aria-label="Messages with ${c.page.name}, newest first">
${c.items.map(
  (m) => html`<li class="bubble ${m.from === "page" ? "from-page" : "from-me"}">
<span class="muted">${m.from === "page" ? c.page.name : "You"}, ${m.at.toISOString()}${m.detail ? ` · ${m.detail}` : ""}</span><br>${m.text}</li>`,
)}
</ol></section>`;
}
