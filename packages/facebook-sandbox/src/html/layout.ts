import { html } from "hono/html";

export type Html = ReturnType<typeof html>;

const STYLE = `
body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:0;background:#f0f2f5;color:#1c1e21}
header{background:#1877f2;color:#fff;padding:.75rem 1.5rem;display:flex;gap:1rem;align-items:baseline}
header a{color:#fff}
main{max-width:60rem;margin:1.5rem auto;padding:0 1rem}
section,.card{background:#fff;border-radius:8px;box-shadow:0 1px 2px rgba(0,0,0,.2);padding:1rem 1.25rem;margin-bottom:1rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
button{background:#1877f2;color:#fff;border:0;border-radius:6px;padding:.45rem .9rem;font-size:.95rem;cursor:pointer}
button.secondary{background:#e4e6eb;color:#050505}button.danger{background:#d93025}
label{display:block;margin:.4rem 0 .15rem}input,select,textarea{font:inherit;padding:.35rem;max-width:100%}
.muted{color:#65676b;font-size:.9rem}.bubble{border-radius:14px;padding:.5rem .8rem;margin:.3rem 0;max-width:75%}
.from-page{background:#e4e6eb}.from-me{background:#0084ff;color:#fff;margin-left:auto}
ol.thread{list-style:none;padding:0;display:flex;flex-direction:column}
.row{display:flex;gap:.5rem;flex-wrap:wrap;align-items:end}
`;

/** The sandbox's page chrome. */
export function layout(title: string, home: string, body: Html): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Facebook sandbox</title>
<style>${STYLE}</style>
</head>
<body>
<header><strong>Facebook sandbox</strong><a href="${home}">Home</a></header>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>`;
}

/** A simple error page. */
export function errorPage(home: string, title: string, message: string): Html {
  return layout(title, home, html`<section role="alert"><p>${message}</p></section>`);
}
