import { contentSecurityPolicy, inlineScriptHashes } from "../../http/content-security-policy";

/**
 * A readable page for the OpenAPI document, rendered by the bundled Swagger UI assets, with the
 * Content-Security-Policy that lets exactly its one inline script run.
 */
export function apiDocsPage(specUrl: string): { html: string; csp: string } {
  const html = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Waymark API reference</title>
  <link rel="stylesheet" href="/api-docs-assets/swagger-ui.css" />
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/api-docs-assets/swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({ url: ${JSON.stringify(specUrl)}, dom_id: "#swagger-ui", validatorUrl: null });
  </script>
</body>
</html>`;
  const connect = [new URL(specUrl).origin];
  return { html, csp: contentSecurityPolicy({ scripts: inlineScriptHashes(html), connect }) };
}
