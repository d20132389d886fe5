import { Hono } from 'hono';
import { downloadLink, parseFormat, readReport } from '../../domain/downloads';
import { validationFailed } from '../../domain/errors';
import { createResource, getResource } from '../../domain/resources';
import { getUpload, receiveDirectUpload, startPresignedUpload } from '../../domain/uploads';
import { listVersions } from '../../domain/versions';
import { getDataSchema } from '../../ingest/core/data-schemas';
import type { AppEnv } from '../env';
import { etagOf } from '../http/etag';
import { routeName } from '../http/route-name';
import { readJsonObject } from '../http/json-body';
import { presentResource, presentUpload, presentVersion } from '../presenters';

const parseVersion = (raw: string | undefined): number | undefined => {
  if (raw === undefined) return undefined;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) throw validationFailed([{ field: 'version', message: 'must be a version number (1, 2, 3…)' }]);
  return Number(raw);
};

const schemaExists = (id: string) => getDataSchema(id) !== undefined;

/** Resources of a dataset, mounted at /api/v1/datasets/:dataset/resources. */
export const resourceRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    const { dataset, resource } = await createResource(c.var.domain, c.var.caller, c.req.param('dataset')!, await readJsonObject(c), schemaExists);
    const body = presentResource(dataset.value, resource, c.var.urls);
    c.header('Location', body.links.self);
    return c.json(body, 201);
  })
  .get('/:resource', async (c) => {
    const { dataset, resource } = await getResource(c.var.domain, c.var.caller, c.req.param('dataset')!, c.req.param('resource'));
    c.header('ETag', etagOf(resource.version));
    return c.json(presentResource(dataset.value, resource, c.var.urls));
  })
  .put('/:resource/data', async (c) => {
    // At most MAX_DIRECT_UPLOAD_BYTES: bodyCap gives this route the direct-upload cap.
    const body = Buffer.from(await c.req.arrayBuffer());
    const upload = await receiveDirectUpload(c.var.domain, c.var.caller, c.req.param('dataset')!, c.req.param('resource'), body, {
      filename: c.req.query('filename'),
      contentType: c.req.header('content-type'),
    });
    const presented = presentUpload(upload, c.var.urls);
    c.header('Location', presented.links.self);
    return c.json(presented, 202);
  })
  .post('/:resource/uploads', async (c) => {
    const started = await startPresignedUpload(c.var.domain, c.var.caller, c.req.param('dataset')!, c.req.param('resource'), await readJsonObject(c));
    c.header('Cache-Control', 'no-store');
    return c.json({ ...presentUpload(started.upload, c.var.urls), uploadUrl: started.url, uploadMethod: 'PUT', uploadHeaders: started.headers }, 201);
  })
  .get('/:resource/uploads/:upload', async (c) => {
    const found = await getUpload(c.var.domain, c.var.caller, c.req.param('dataset')!, c.req.param('resource'), c.req.param('upload'));
    return c.json(presentUpload(found.value, c.var.urls));
  })
  .get('/:resource/versions', async (c) => {
    const { dataset, resource } = await getResource(c.var.domain, c.var.caller, c.req.param('dataset')!, c.req.param('resource'));
    const versions = await listVersions(c.var.domain, resource.value);
    return c.json({ count: versions.length, results: versions.map((v) => presentVersion(dataset.value, resource.value, v.value, c.var.urls)) });
  })
  .get('/:resource/versions/:version/report', async (c) => {
    const { version, report } = await readReport(
      c.var.domain,
      c.var.caller,
      c.req.param('dataset')!,
      c.req.param('resource'),
      parseVersion(c.req.param('version')),
      routeName(c),
    );
    return c.json({ version: version.version, state: version.state, report });
  })
  .get('/:resource/download', async (c) => {
    const link = await downloadLink(c.var.domain, c.var.caller, c.req.param('dataset')!, c.req.param('resource'), {
      format: parseFormat(c.req.query('format')),
      version: parseVersion(c.req.query('version')),
      route: routeName(c),
    });
    c.header('Cache-Control', 'no-store');
    return c.redirect(link.url, 302);
  });
