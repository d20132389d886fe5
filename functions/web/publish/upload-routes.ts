import { type Context, Hono } from 'hono';
import { readJsonObject } from '../../api/http/json-body';
import { presentUpload } from '../../api/presenters';
import { getUpload, receiveDirectUpload, startPresignedUpload } from '../../domain/uploads';
import { getResource } from '../../domain/resources';
import { findVersion, type ResourceVersion } from '../../domain/versions';
import { unauthorized } from '../../domain/errors';
import { seg } from '../page-context';
import type { WebEnv } from '../web-env';
import { memberOf } from './publish-support';

/** Whether an error on this path is answered as JSON (the upload script's endpoints) rather than a page. */
export const isScriptEndpoint = (path: string): boolean => /^\/publish\/datasets\/[^/]+\/resources\/[^/]+\/(uploads|data|uploads\/[^/]+\/status)$/.test(path);

const params = (c: Context<WebEnv>) => {
  const member = memberOf(c);
  if (!member) throw unauthorized('Sign in again: your session has ended.');
  return { member, dataset: c.req.param('dataset') ?? '', resource: c.req.param('resource') ?? '' };
};

const summary = (version: ResourceVersion): string => {
  if (version.state === 'validating') return `Validating version ${version.version}…`;
  if (version.state === 'published')
    return `Published version ${version.version}: ${(version.rowCount ?? 0).toLocaleString('en-GB')} rows, ${version.columnCount ?? 0} columns.`;
  if (version.failure) return `Version ${version.version} failed: ${version.failure} The previous version stays live.`;
  return `Version ${version.version} failed validation with ${(version.errorCount ?? 0).toLocaleString('en-GB')} errors. The previous version stays live.`;
};

/** JSON endpoints for the upload page's script, on the session (CSRF header checked by the form guard). */
export const uploadRoutes = new Hono<WebEnv>()
  .post('/publish/datasets/:dataset/resources/:resource/uploads', async (c) => {
    const { member, dataset, resource } = params(c);
    const started = await startPresignedUpload(c.var.domain, member, dataset, resource, await readJsonObject(c));
    c.header('Cache-Control', 'no-store');
    return c.json({ ...presentUpload(started.upload, c.var.urls), uploadUrl: started.url, uploadHeaders: started.headers }, 201);
  })
  .put('/publish/datasets/:dataset/resources/:resource/data', async (c) => {
    const { member, dataset, resource } = params(c);
    // At most MAX_DIRECT_UPLOAD_BYTES: bodyCap gives this route the direct-upload cap.
    const body = Buffer.from(await c.req.arrayBuffer());
    const upload = await receiveDirectUpload(c.var.domain, member, dataset, resource, body, {
      filename: c.req.query('filename'),
      contentType: c.req.header('content-type'),
    });
    return c.json(presentUpload(upload, c.var.urls), 202);
  })
  .get('/publish/datasets/:dataset/resources/:resource/uploads/:upload/status', async (c) => {
    const { member, dataset, resource } = params(c);
    const upload = await getUpload(c.var.domain, member, dataset, resource, c.req.param('upload'));
    const found = await getResource(c.var.domain, member, dataset, resource);
    const version = upload.value.version === undefined ? undefined : await findVersion(c.var.domain, found.resource.value, upload.value.version);
    c.header('Cache-Control', 'no-store');
    const base = `/publish/datasets/${seg(found.dataset.value.name)}/resources/${seg(found.resource.value.name)}`;
    if (!version) {
      const waiting = upload.value.state === 'awaiting-bytes' ? 'Waiting for the file to arrive…' : 'Received. Waiting for validation to start…';
      return c.json({ state: 'waiting', resourceStatus: found.resource.value.status, summary: waiting, links: {} });
    }
    return c.json({
      state: version.value.state,
      version: version.value.version,
      resourceStatus: found.resource.value.status,
      rowCount: version.value.rowCount,
      errorCount: version.value.errorCount,
      summary: summary(version.value),
      links: { report: c.var.urls.page(`${base}/versions/${version.value.version}/report`), resource: c.var.urls.page(base) },
    });
  });
