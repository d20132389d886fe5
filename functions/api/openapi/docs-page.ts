import type { Urls } from '../http/urls';

/**
 * The interactive API reference at /api/docs: Swagger UI, every byte served by the exchange
 * (it works offline), under a strict Content-Security-Policy. There is no inline script or
 * style: the page loads its initialiser from /api/docs/assets/docs-init.js, which reads the
 * document's URL from a data attribute.
 */
export const docsContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // Swagger UI's stylesheet draws its icons as data: images.
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Assets the exchange writes itself, beside the swagger-ui-dist files. */
export const ownAssets: Record<string, { body: string; mediaType: string }> = {
  'docs-init.js': {
    mediaType: 'text/javascript; charset=utf-8',
    body: `(function () {
  'use strict';
  var root = document.getElementById('swagger-ui');
  window.ui = SwaggerUIBundle({
    url: root.getAttribute('data-openapi-url'),
    domNode: root,
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    persistAuthorization: false
  });
})();
`,
  },
  'docs.css': {
    mediaType: 'text/css; charset=utf-8',
    body: `html { box-sizing: border-box; overflow-y: scroll; }
*, *:before, *:after { box-sizing: inherit; }
body { margin: 0; background: #fafafa; font-family: system-ui, sans-serif; }
.ldx-docs-header { display: flex; gap: 1.5rem; align-items: baseline; padding: 0.75rem 1.5rem; background: #1d2a3a; color: #fff; }
.ldx-docs-header a { color: #fff; }
.ldx-docs-header strong { font-size: 1.1rem; }
`,
  },
};

export const docsPage = (urls: Urls): string => {
  const asset = (name: string) => escapeHtml(urls.apiDocs(`/assets/${name}`));
  const openApi = escapeHtml(urls.api('/openapi.json'));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference · London Data Exchange</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${asset('swagger-ui.css')}">
<link rel="stylesheet" href="${asset('docs.css')}">
</head>
<body>
<header class="ldx-docs-header">
<strong><a href="${escapeHtml(urls.page('/'))}">London Data Exchange</a></strong>
<span>API reference</span>
<a href="${openApi}">OpenAPI 3.1 document</a>
</header>
<noscript><p>This reference needs JavaScript. The API is described by the <a href="${openApi}">OpenAPI document</a>.</p></noscript>
<main id="swagger-ui" data-openapi-url="${openApi}"></main>
<script src="${asset('swagger-ui-bundle.js')}"></script>
<script src="${asset('docs-init.js')}"></script>
</body>
</html>
`;
};
