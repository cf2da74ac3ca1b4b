import { html } from "hono/html";
import { SCOPE_DESCRIPTIONS } from "../domain/permissions";
import type { UserRecord } from "../state/records";
import { type Html, layout } from "./layout";

export interface LoginDialogInput {
  home: string;
  action: string;
  appName: string;
  users: UserRecord[];
  scopes: string[];
  hidden: Record<string, string>;
}

/** The Login dialog: pick a sandbox user, see the permissions, Continue or Cancel. */
export function loginDialogPage(input: LoginDialogInput): Html {
  const users =
    input.users.length === 0
      ? html`<p>There are no sandbox users yet. <a href="${input.home}">Add one on the sandbox home page</a>.</p>`
      : html`<fieldset><legend>Log in as</legend>
${input.users.map(
  (u, i) =>
    html`<div><input type="radio" name="user_id" id="user-${u.id}" value="${u.id}" ${
      i === 0 ? "checked" : ""
    } required><label for="user-${u.id}" style="display:inline">${u.name}</label></div>`,
)}
</fieldset>`;
  const hidden = Object.entries(input.hidden).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  );
  return layout(
    `Log in to ${input.appName}`,
    input.home,
    html`<section aria-labelledby="dialog-title">
<h2 id="dialog-title">${input.appName} is requesting access</h2>
<form method="post" action="${input.action}">
${hidden}
${users}
<h3>${input.appName} will receive:</h3>
<ul aria-label="Requested permissions">
${input.scopes.map((s) => html`<li><strong>${s}</strong>: ${SCOPE_DESCRIPTIONS[s] ?? s}</li>`)}
</ul>
<div class="row">
<button type="submit" name="action" value="continue" ${input.users.length === 0 ? "disabled" : ""}>Continue</button>
<button type="submit" name="action" value="cancel" class="secondary" formnovalidate>Cancel</button>
</div>
</form>
</section>`,
  );
}
