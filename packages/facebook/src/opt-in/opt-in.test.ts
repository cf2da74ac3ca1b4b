import { describe, expect, it } from "vitest";
import { buildOptInSnippet } from "./build-opt-in-snippet";
import { isValidPluginRef } from "./is-valid-plugin-ref";

describe("isValidPluginRef", () => {
  it.each([
    ["abcXYZ019", true],
    ["a+b/c=d-e.f:g_h", true],
    ["x".repeat(250), true],
    ["x".repeat(251), false],
    ["", false],
    ["has space", false],
    ['quote"', false],
    ["<script>", false],
    ["émoji", false],
    ["a&b", false],
    ["line\nbreak", false],
  ])("%j → %s", (ref, valid) => {
    expect(isValidPluginRef(ref)).toBe(valid);
  });
});

describe("buildOptInSnippet", () => {
  const base = { appId: "1234", pageId: "1234567890", ref: "c2lnbmVk.abc_-:=" };

  it("renders the SDK include and the fb-send-to-messenger element", () => {
    const html = buildOptInSnippet(base);
    expect(html).toContain('<div id="fb-root"></div>');
    expect(html).toContain(
      '<div id="waymark-send-to-messenger" class="fb-send-to-messenger" messenger_app_id="1234" page_id="1234567890" data-ref="c2lnbmVk.abc_-:=" color="blue" size="large"></div>',
    );
    expect(html).toContain('FB.init({ appId: "1234", xfbml: true, version: "v25.0" });');
    expect(html).toContain('js.src = "https://connect.facebook.net/en_US/sdk.js";');
    expect(html).toContain('(document, "script", "facebook-jssdk")');
  });

  it("uses the given SDK URL, version, color and size", () => {
    const html = buildOptInSnippet({
      ...base,
      sdkUrl: "http://localhost:4010/sdk.js",
      version: "v2.6",
      color: "white",
      size: "xlarge",
    });
    expect(html).toContain('js.src = "http://localhost:4010/sdk.js";');
    expect(html).toContain('version: "v2.6"');
    expect(html).toContain('color="white" size="xlarge"');
  });

  it("escapes attribute values and script strings", () => {
    const html = buildOptInSnippet({
      ...base,
      appId: '1"><script>alert(1)</script>',
      pageId: "9&'",
      sdkUrl: 'https://x.test/"</script><script>alert(2)//',
    });
    expect(html).toContain('messenger_app_id="1&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).toContain('page_id="9&amp;&#39;"');
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).toContain('appId: "1\\"\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"');
  });

  it("refuses a ref the plugin would reject", () => {
    expect(() => buildOptInSnippet({ ...base, ref: 'x" onmouseover="alert(1)' })).toThrow(
      RangeError,
    );
    expect(() => buildOptInSnippet({ ...base, ref: "x".repeat(251) })).toThrow(RangeError);
  });

  it("can read the ref from the hosting page's query string instead", () => {
    const html = buildOptInSnippet({ ...base, ref: { queryParameter: "wm_ref" } });
    expect(html).not.toContain("data-ref=");
    expect(html).toContain('.get("wm_ref")');
    expect(html).toContain('setAttribute("data-ref", ref)');
    expect(html.indexOf('.get("wm_ref")')).toBeLessThan(html.indexOf("fbAsyncInit"));
  });
});
