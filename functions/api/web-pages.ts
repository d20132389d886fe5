/**
 * The web pages as the API function loads them, on the first request that reaches them (web-pages-loader.ts): in
 * the deployed function a file of their own beside the bundle, built by infra/constructs/lazy-groups.ts, which
 * shares the bundle's modules with it.
 */
export { createWebApp } from '../web/web-app';
export { apiDocsHtml } from '../web/pages/api-docs';
