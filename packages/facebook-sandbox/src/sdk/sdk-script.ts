/**
 * The stand-in for Facebook's JS SDK (`sdk.js`): `FB.init`, `FB.XFBML.parse`,
 * `FB.Event.subscribe` and the Send to Messenger plugin, rendered as a real button that
 * asks which sandbox person you are and opts them in through the sandbox.
 */
export function sdkScript(config: { publicUrl: string; appId: string }): string {
  return `(function () {\n"use strict";\nvar CONFIG = ${JSON.stringify(config)};\n${CLIENT}\n})();\n`;
}

// Plain ES2017 for any browser; kept free of template literals so it can live in a string.
const CLIENT = String.raw`
if (window.__fbSandboxSdk) { return; }
window.__fbSandboxSdk = true;
var REF_PATTERN = /^[a-zA-Z0-9+\/=\-.:_]{1,250}$/;
var listeners = {};
var script = document.currentScript;
var FB = window.FB = window.FB || {};
FB.init = function (options) { if (options && options.xfbml) { parse(document); } };
FB.XFBML = { parse: function (root) { parse(root || document); } };
FB.Event = {
  subscribe: function (name, callback) { (listeners[name] = listeners[name] || []).push(callback); },
  unsubscribe: function (name, callback) {
    listeners[name] = (listeners[name] || []).filter(function (c) { return c !== callback; });
  }
};
FB.AppEvents = FB.AppEvents || { logEvent: function () {} };

function fire(name, payload) {
  (listeners[name] || []).forEach(function (callback) { try { callback(payload); } catch (e) { console.error(e); } });
}

function parse(root) {
  var nodes = root.querySelectorAll(".fb-send-to-messenger");
  for (var i = 0; i < nodes.length; i++) {
    if (!nodes[i].getAttribute("data-fb-sandbox")) { render(nodes[i]); }
  }
}

function el(tag, attrs, text) {
  var node = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
  if (text) { node.textContent = text; }
  return node;
}

function fail(container, message) {
  container.appendChild(el("span", { role: "alert" }, "Send to Messenger: " + message));
}

function render(container) {
  container.setAttribute("data-fb-sandbox", "rendered");
  var appId = container.getAttribute("messenger_app_id");
  var pageId = container.getAttribute("page_id");
  var ref = container.getAttribute("data-ref");
  if (appId !== CONFIG.appId) { return fail(container, "messenger_app_id does not match the sandbox app."); }
  if (!pageId) { return fail(container, "page_id is missing."); }
  if (ref !== null && !REF_PATTERN.test(ref)) { return fail(container, "data-ref is invalid."); }
  var url = CONFIG.publicUrl + "/plugins/send-to-messenger/page?page_id=" + encodeURIComponent(pageId) +
    "&app_id=" + encodeURIComponent(appId);
  fetch(url).then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
    .then(function (res) {
      if (!res.ok) { return fail(container, res.body.error || "the page is unknown."); }
      var white = container.getAttribute("color") === "white";
      var button = el("button", { type: "button", "class": "fb-sandbox-send-to-messenger",
        style: "font:600 15px system-ui,sans-serif;border-radius:6px;padding:8px 14px;cursor:pointer;" +
          (white ? "background:#fff;color:#0084ff;border:1px solid #0084ff" : "background:#0084ff;color:#fff;border:0") },
        "Send to Messenger");
      var status = el("span", { role: "status", style: "margin-left:8px" });
      button.addEventListener("click", function () {
        fire("send_to_messenger", { event: "clicked", ref: ref, is_after_optin: false });
        choosePerson(res.body, function (personId, dialog, showError) {
          optIn(appId, pageId, ref, personId).then(function (result) {
            if (!result.ok) { return showError(result.error); }
            dialog.close();
            dialog.remove();
            button.textContent = "Sent to Messenger";
            button.disabled = true;
            status.textContent = "You're subscribed to " + res.body.page.name + " in Messenger.";
            fire("send_to_messenger", { event: "opt_in", ref: ref, is_after_optin: true });
          });
        });
      });
      container.appendChild(button);
      container.appendChild(status);
      fire("send_to_messenger", { event: "rendered", ref: ref, is_after_optin: false });
    })
    .catch(function () { fail(container, "the Facebook sandbox is unreachable."); });
}

function choosePerson(info, onConfirm) {
  var titleId = "fb-sandbox-title-" + Math.random().toString(36).slice(2);
  var dialog = el("dialog", { "aria-labelledby": titleId, style: "font-family:system-ui,sans-serif;border-radius:8px" });
  var form = el("form", { method: "dialog" });
  form.appendChild(el("h2", { id: titleId }, "Continue to Messenger with " + info.page.name));
  var fieldset = el("fieldset");
  fieldset.appendChild(el("legend", {}, "Which sandbox person are you?"));
  info.people.forEach(function (person, i) {
    var id = titleId + "-" + person.id;
    var row = el("div");
    var input = el("input", { type: "radio", name: "person", id: id, value: person.id });
    if (i === 0) { input.checked = true; }
    row.appendChild(input);
    row.appendChild(el("label", { "for": id }, person.name));
    fieldset.appendChild(row);
  });
  if (info.people.length === 0) { fieldset.appendChild(el("p", {}, "There are no sandbox people yet.")); }
  form.appendChild(fieldset);
  var error = el("p", { role: "alert", style: "color:#d93025" });
  form.appendChild(error);
  var confirm = el("button", { type: "submit", value: "confirm" }, "Confirm");
  var cancel = el("button", { type: "button" }, "Cancel");
  cancel.addEventListener("click", function () { dialog.close(); dialog.remove(); });
  form.appendChild(confirm);
  form.appendChild(cancel);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var chosen = form.querySelector("input[name=person]:checked");
    if (!chosen) { error.textContent = "Choose a person."; return; }
    onConfirm(chosen.value, dialog, function (message) { error.textContent = message || "Something went wrong."; });
  });
  dialog.appendChild(form);
  document.body.appendChild(dialog);
  if (dialog.showModal) { dialog.showModal(); } else { dialog.setAttribute("open", ""); }
}

function optIn(appId, pageId, ref, personId) {
  return fetch(CONFIG.publicUrl + "/plugins/send-to-messenger", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ app_id: appId, page_id: pageId, ref: ref, person_id: personId })
  }).then(function (r) {
    return r.json().then(function (body) { return { ok: r.ok, error: body.error }; });
  }).catch(function () { return { ok: false, error: "The Facebook sandbox is unreachable." }; });
}

function boot() {
  if (script && /[#&?]xfbml=1/.test(script.src)) { parse(document); }
  if (typeof window.fbAsyncInit === "function") { window.fbAsyncInit(); }
}
if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", boot); } else { boot(); }
`;
