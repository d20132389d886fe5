import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { notFound } from '../domain/errors';
import { siteCss } from './assets/site-css';
import { faviconSvg } from './assets/logo-svg';
import { copyJs, uploadJs } from './assets/upload-js';
import { mapCss } from './maps/map-css';

interface Asset {
  path: string;
  body: string;
  type: string;
}

/** Content-hashed names, so an asset can be cached for a year and a change is a new URL. */
const asset = (stem: string, extension: string, body: string, type: string): Asset => {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  return { path: `/assets/${stem}.${hash}.${extension}`, body, type };
};

export const assets = {
  css: asset('site', 'css', `${siteCss}\n${mapCss}`, 'text/css; charset=utf-8'),
  upload: asset('upload', 'js', uploadJs, 'text/javascript; charset=utf-8'),
  copy: asset('copy', 'js', copyJs, 'text/javascript; charset=utf-8'),
  favicon: asset('favicon', 'svg', faviconSvg, 'image/svg+xml'),
} as const;

const byPath = new Map(Object.values(assets).map((a) => [a.path, a]));

/** Styles, scripts and images, all served by the exchange itself (no third-party host). */
export const assetRoutes = new Hono().get('/assets/:file', (c) => {
  const found = byPath.get(c.req.path);
  if (!found) throw notFound('asset');
  c.header('Content-Type', found.type);
  c.header('Cache-Control', 'public, max-age=31536000, immutable');
  return c.body(found.body);
});
