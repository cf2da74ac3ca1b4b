/** A readable page for the OpenAPI document, rendered by the bundled Swagger UI assets. */
export function apiDocsPage(specUrl: string): string {
  return `<!doctype html>
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
    window.ui = SwaggerUIBundle({ url: ${JSON.stringify(specUrl)}, dom_id: "#swagger-ui" });
  </script>
</body>
</html>`;
}
