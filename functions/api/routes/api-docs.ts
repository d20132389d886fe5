import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { notFound } from '../../domain/errors';
import type { AppEnv } from '../env';
import { webPages } from '../web-pages-loader';
import { docsContentSecurityPolicy, ownAssets } from '../openapi/docs-page';
import { openApiDocument } from '../openapi/document';
import { jsonResponse, ref } from '../openapi/builders';
import { type StaticAsset, swaggerUiAsset } from '../openapi/swagger-ui/assets';
import { type RouteDeclaration, route } from './declare';

/**
 * GET /api/v1/openapi.json: the OpenAPI 3.1 document, with this exchange as its server. It
 * describes every declared route, itself included; the list is passed in, so this module does
 * not import the list that holds it.
 */
export const openApiRoute = (declared: () => RouteDeclaration[]) =>
  route({
    method: 'GET',
    path: '/api/v1/openapi.json',
    operationId: 'openApiDocument',
    summary: 'This OpenAPI 3.1 document',
    tags: ['Service'],
    auth: 'public',
    responses: { 200: jsonResponse('The document.', ref('OpenApiDocument')) },
    handler: (c) => c.json(openApiDocument(c.var.urls, declared())),
  });

const etagOf = (body: string): string => `"${createHash('sha256').update(body, 'utf8').digest('hex').slice(0, 32)}"`;
const own: Record<string, StaticAsset> = Object.fromEntries(Object.entries(ownAssets).map(([name, asset]) => [name, { ...asset, etag: etagOf(asset.body) }]));

/** /api/docs: the interactive reference page and its assets, all served from here (pages, not API operations). */
export const apiDocsRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    c.header('Content-Security-Policy', docsContentSecurityPolicy);
    return c.html(await webPages().apiDocsHtml(c)); // the page, with the site's layout, is one of the web pages (a lazy group)
  })
  .get('/assets/:name', (c) => {
    const name = c.req.param('name');
    const asset = Object.hasOwn(own, name) ? own[name] : swaggerUiAsset(name);
    if (!asset) throw notFound('asset');
    c.header('ETag', asset.etag);
    c.header('Cache-Control', 'public, max-age=3600');
    if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304);
    return c.body(asset.body, 200, { 'Content-Type': asset.mediaType });
  });
