/**
 * The interactive API reference at /api/docs (the page itself: functions/web/pages/api-docs.tsx):
 * Swagger UI, every byte served by the exchange (it works offline), under a strict
 * Content-Security-Policy. There is no inline script or style: the page loads its initialiser
 * from /api/docs/assets/docs-init.js, which reads the document's URL from a data attribute.
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

/** Assets the exchange writes itself, beside the swagger-ui-dist files. */
export const ownAssets: Record<string, { body: string; mediaType: string }> = {
  'docs-init.js': {
    mediaType: 'text/javascript; charset=utf-8',
    body: `(function () {
  'use strict';
  // Swagger UI draws a padlock on every operation that accepts a token, and counts an optional
  // token as already given (closed) while a required one shows open. Here the padlock is closed
  // only once a token was given through Authorize, and each such operation says whether the
  // token is required or optional; public operations keep no padlock.
  function accessOf(security) {
    if (!security || security.size === 0) return 'public';
    var anonymous = security.some(function (requirement) { return requirement.isEmpty(); });
    if (anonymous) return security.size === 1 ? 'public' : 'optional';
    return 'required';
  }
  function AccessMarks(system) {
    return {
      statePlugins: {
        auth: {
          wrapSelectors: {
            // An optional token is given only when a non-empty requirement is met (the original is already bound to the state).
            isAuthorized: function (original) {
              return function (state, security) {
                var optional = security && security.size > 1 && security.some(function (requirement) { return requirement.isEmpty(); });
                return original(optional ? security.filter(function (requirement) { return !requirement.isEmpty(); }) : security);
              };
            }
          }
        }
      },
      wrapComponents: {
        OperationSummary: function (Original) {
          return function (props) {
            var operationProps = props.operationProps;
            var access = accessOf(operationProps && operationProps.get('security'));
            if (access === 'public') return system.React.createElement(Original, props);
            var op = operationProps.get('op');
            var summary = (op.get('summary') || operationProps.get('summary') || '') + (access === 'required' ? ' · token required' : ' · token optional');
            var marked = operationProps.set('summary', summary).set('op', op.set('summary', summary));
            return system.React.createElement(Original, Object.assign({}, props, { operationProps: marked }));
          };
        }
      }
    };
  }
  var root = document.getElementById('swagger-ui');
  window.ui = SwaggerUIBundle({
    url: root.getAttribute('data-openapi-url'),
    domNode: root,
    // Deep links would put a link inside each operation's toggle button (nested controls).
    deepLinking: false,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    plugins: [AccessMarks],
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
    body: `/* Swagger UI inside the site's page: the site's fonts, colours and focus ring, none of Swagger's own chrome. */
.docs-reference { margin-top: 1.5rem; }
.swagger-ui, .swagger-ui .info, .swagger-ui .opblock-tag, .swagger-ui .opblock .opblock-summary-description, .swagger-ui table, .swagger-ui .parameter__name,
.swagger-ui .response-col_status, .swagger-ui .tab li, .swagger-ui .btn, .swagger-ui select, .swagger-ui label, .swagger-ui .model, .swagger-ui .model-title,
.swagger-ui .opblock-description-wrapper p, .swagger-ui .markdown p, .swagger-ui .renderedMarkdown p, .swagger-ui .scheme-container .schemes > label {
  font-family: inherit; color: #0b0c0c;
}
.swagger-ui .wrapper { padding: 0; max-width: none; }
.swagger-ui .info { margin: 0 0 1.5rem; }
.swagger-ui .info .title { font-family: inherit; font-size: 1.6rem; color: #0b0c0c; }
.swagger-ui .main { min-height: 0; padding: 0; margin: 0; max-width: none; }
.swagger-ui .info .title small { background: #505a5f; }
.swagger-ui .info .title small.version-stamp { background: #00703c; }
.swagger-ui .info .title small pre { color: #fff; background: none; border: 0; padding: 0 .2rem; margin: 0; font-size: .8rem; }
.swagger-ui .scheme-container { box-shadow: none; border-top: 1px solid #b1b4b6; border-bottom: 1px solid #b1b4b6; padding: 1rem 0; margin: 0 0 1rem; background: #f3f2f1; }
.swagger-ui .scheme-container .schemes { padding: 0 1rem; }
.swagger-ui .opblock-tag { font-size: 1.35rem; border-bottom: 1px solid #b1b4b6; }
.swagger-ui .opblock-tag small { color: #505a5f; font-size: 1rem; }
.swagger-ui .opblock { border-radius: 0; box-shadow: none; }
.swagger-ui .opblock .opblock-summary-method { border-radius: 0; font-family: inherit; }
.swagger-ui .opblock .opblock-summary-path, .swagger-ui .opblock .opblock-summary-path__deprecated { font-family: ui-monospace, "Courier New", monospace; }
.swagger-ui .btn { border-radius: 0; box-shadow: none; }
.swagger-ui .btn.authorize { color: #00703c; border-color: #00703c; }
.swagger-ui .btn.authorize svg { fill: #00703c; }
.swagger-ui a, .swagger-ui .info a { color: #1d70b8; }
.swagger-ui a:focus, .swagger-ui button:focus, .swagger-ui input:focus, .swagger-ui select:focus, .swagger-ui textarea:focus { outline: 3px solid #fd0; outline-offset: 0; }
.swagger-ui table { width: 100%; }
.swagger-ui th, .swagger-ui td { border-bottom: 0; padding: .5rem .5rem .5rem 0; }
.swagger-ui pre { border: 0; }
.swagger-ui h2, .swagger-ui h3, .swagger-ui h4, .swagger-ui h5 { font-family: inherit; }
.swagger-ui .opblock-summary-control:focus { outline: 3px solid #fd0; }
.swagger-ui .authorization__btn { padding: 0 .25rem; min-width: 24px; min-height: 24px; }
/* The method badges in colours white text can be read on. */
.swagger-ui .opblock .opblock-summary-method { color: #fff; text-shadow: none; }
.swagger-ui .opblock.opblock-get .opblock-summary-method { background: #1d70b8; }
.swagger-ui .opblock.opblock-post .opblock-summary-method { background: #00703c; }
.swagger-ui .opblock.opblock-put .opblock-summary-method { background: #8f4b00; }
.swagger-ui .opblock.opblock-patch .opblock-summary-method { background: #005a30; }
.swagger-ui .opblock.opblock-delete .opblock-summary-method { background: #b21f0b; }
.swagger-ui .opblock.opblock-head .opblock-summary-method, .swagger-ui .opblock.opblock-options .opblock-summary-method { background: #505a5f; }
/* One server, this exchange: the server picker (an unlabelled select) has nothing to choose. */
.swagger-ui .scheme-container .servers-title, .swagger-ui .scheme-container .servers { display: none; }
@media (max-width: 640px) {
  .swagger-ui .opblock .opblock-summary { flex-wrap: wrap; }
  .swagger-ui .opblock .opblock-summary-path { max-width: 100%; overflow-wrap: anywhere; }
}
`,
  },
};
