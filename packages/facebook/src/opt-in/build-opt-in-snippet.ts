import { escapeHtml, scriptString } from "./escape-html";
import { isValidPluginRef } from "./is-valid-plugin-ref";

/** Default location of Facebook's JavaScript SDK (MESSENGER.md §4.1). */
export const DEFAULT_SDK_URL = "https://connect.facebook.net/en_US/sdk.js";

/** Input of the opt-in snippet. */
export interface OptInSnippetInput {
  appId: string;
  pageId: string;
  /**
   * The contact's ref, or `{ queryParameter }` to make the snippet read it from its page's URL
   * (for a customer's own site that links each contact to `…?<queryParameter>=<ref>`).
   */
  ref: string | { queryParameter: string };
  /** Graph version given to `FB.init` (default `v25.0`). */
  version?: string;
  sdkUrl?: string;
  color?: "blue" | "white";
  size?: "standard" | "large" | "xlarge";
}

const ELEMENT_ID = "waymark-send-to-messenger";

function refScript(queryParameter: string): string {
  return [
    "  (function () {",
    `    var ref = new URLSearchParams(window.location.search).get(${scriptString(queryParameter)});`,
    "    if (ref && /^[A-Za-z0-9+\\/=\\-.:_]{1,250}$/.test(ref)) {",
    `      document.getElementById(${scriptString(ELEMENT_ID)}).setAttribute("data-ref", ref);`,
    "    }",
    "  })();",
  ].join("\n");
}

/**
 * The "Send to Messenger" plugin HTML (SDK include + `fb-send-to-messenger` element,
 * MESSENGER.md §4.1–4.2), every value escaped; throws on a ref the plugin would reject.
 */
export function buildOptInSnippet(input: OptInSnippetInput): string {
  if (typeof input.ref === "string" && !isValidPluginRef(input.ref)) {
    throw new RangeError("ref must be 1–250 characters of a-z A-Z 0-9 + / = - . : _");
  }
  const attributes: [string, string][] = [
    ["id", ELEMENT_ID],
    ["class", "fb-send-to-messenger"],
    ["messenger_app_id", input.appId],
    ["page_id", input.pageId],
    ...(typeof input.ref === "string" ? [["data-ref", input.ref] as [string, string]] : []),
    ["color", input.color ?? "blue"],
    ["size", input.size ?? "large"],
  ];
  const element = `<div ${attributes.map(([k, v]) => `${k}="${escapeHtml(v)}"`).join(" ")}></div>`;
  return [
    '<div id="fb-root"></div>',
    element,
    "<script>",
    ...(typeof input.ref === "string" ? [] : [refScript(input.ref.queryParameter)]),
    "  window.fbAsyncInit = function () {",
    `    FB.init({ appId: ${scriptString(input.appId)}, xfbml: true, version: ${scriptString(input.version ?? "v25.0")} });`,
    "  };",
    "  (function (d, s, id) {",
    "    var js, fjs = d.getElementsByTagName(s)[0];",
    "    if (d.getElementById(id)) { return; }",
    "    js = d.createElement(s); js.id = id;",
    `    js.src = ${scriptString(input.sdkUrl ?? DEFAULT_SDK_URL)};`,
    "    fjs.parentNode.insertBefore(js, fjs);",
    '  })(document, "script", "facebook-jssdk");',
    "</script>",
  ].join("\n");
}
