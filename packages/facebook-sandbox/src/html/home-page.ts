import { html } from "hono/html";
import { POLICY_VERSIONS } from "../domain/policy";
import { PAGE_ROLES, roleOfTasks } from "../domain/tasks";
import type { PageRecord, PersonRecord, UserRecord } from "../state/records";
import { type Html, layout } from "./layout";

export interface HomePageInput {
  home: string;
  appId: string;
  webhookUrl: string;
  users: Array<UserRecord & { pages: Array<{ page: PageRecord; tasks: string[] }> }>;
  pages: PageRecord[];
  people: PersonRecord[];
  notice?: string;
}

/** The sandbox home: users, pages, people, and forms to add them. */
export function homePage(input: HomePageInput): Html {
  const { home } = input;
  return layout(
    "Sandbox home",
    home,
    html`${input.notice ? html`<p role="status" class="card">${input.notice}</p>` : ""}
<section aria-labelledby="people-title"><h2 id="people-title">People</h2>
<table><thead><tr><th>Name</th><th>Id</th><th>Messenger</th></tr></thead><tbody>
${input.people.map(
  (p) => html`<tr><td>${p.firstName} ${p.lastName}</td><td>${p.id}</td>
<td><a href="${home}/people/${p.id}/messenger">Open Messenger as ${p.firstName} ${p.lastName}</a></td></tr>`,
)}
</tbody></table>
<form method="post" action="${home}/people"><h3>Add a person</h3><div class="row">
<div><label for="first-name">First name</label><input id="first-name" name="first_name" required></div>
<div><label for="last-name">Last name</label><input id="last-name" name="last_name" required></div>
<button type="submit">Add person</button></div></form>
</section>
<section aria-labelledby="users-title"><h2 id="users-title">Users (Facebook Login)</h2>
<table><thead><tr><th>Name</th><th>Id</th><th>Pages and roles</th></tr></thead><tbody>
${input.users.map(
  (u) =>
    html`<tr><td>${u.name}</td><td>${u.id}</td><td><ul>${u.pages.map(
      (p) => html`<li>${p.page.name}: ${roleOfTasks(p.tasks)} (${p.tasks.join(", ")})</li>`,
    )}</ul></td></tr>`,
)}
</tbody></table>
${addUserForm(home)}
</section>
<section aria-labelledby="pages-title"><h2 id="pages-title">Pages</h2>
<table><thead><tr><th>Page</th><th>Webhooks</th><th>Settings</th></tr></thead><tbody>
${input.pages.map((p) => pageRow(home, p))}
</tbody></table>
</section>
<section aria-labelledby="app-title"><h2 id="app-title">App</h2>
<p>App id <strong>${input.appId}</strong>; webhook callback <code>${input.webhookUrl}</code>.</p>
<form method="post" action="${home}/webhook/verify"><button type="submit" class="secondary">Verify webhook</button></form>
<p class="muted">Admin API: <a href="${home}/_admin/state">state</a>, <a href="${home}/_admin/messages">messages</a>,
<a href="${home}/_admin/webhooks">webhook log</a>, <a href="${home}/_admin/faults">faults</a>.</p>
</section>`,
  );
}

function pageRow(home: string, page: PageRecord): Html {
  const id = `page-${page.id}`;
  return html`<tr><td><strong>${page.name}</strong><br><span class="muted">${page.id}</span><br>
<a href="${home}/plugin-demo?page_id=${page.id}">Try Send to Messenger</a></td>
<td>${page.subscribedFields ? page.subscribedFields.join(", ") : "not subscribed"}</td>
<td><form method="post" action="${home}/pages/${page.id}/settings">
<label for="${id}-policy">Messenger policy</label><select id="${id}-policy" name="policy_version">
${POLICY_VERSIONS.map((v) => html`<option value="${v}" ${v === page.policyVersion ? "selected" : ""}>${v}</option>`)}
</select>
<label><input type="checkbox" name="approved" value="1" ${page.approvedForNonPromotionalSubscription ? "checked" : ""}>
Approved for NON_PROMOTIONAL_SUBSCRIPTION</label>
<button type="submit" class="secondary">Save ${page.name}</button></form></td></tr>`;
}

function addUserForm(home: string): Html {
  const rows = [1, 2, 3].map(
    (i) => html`<div class="row">
<div><label for="page-name-${i}">Page ${i} name</label><input id="page-name-${i}" name="page_name_${i}"></div>
<div><label for="page-role-${i}">Page ${i} role</label><select id="page-role-${i}" name="page_role_${i}">
${PAGE_ROLES.map((r) => html`<option value="${r}">${r}</option>`)}</select></div></div>`,
  );
  return html`<form method="post" action="${home}/users"><h3>Add a user with pages</h3>
<label for="user-name">Name</label><input id="user-name" name="name" required>
${rows}
<label for="extra-pages">Also create this many more Admin pages</label>
<input id="extra-pages" name="extra_pages" type="number" min="0" max="200" value="0">
<div><button type="submit">Add user</button></div></form>`;
}
