import { Hono } from 'hono';
import { issueToken, listTokens, revokeToken } from '../../domain/access-tokens';
import { countVisibleDatasets } from '../../domain/dataset-listing';
import { createOrganisation, getOrganisation, listOrganisations } from '../../domain/organisations';
import type { AppEnv } from '../env';
import { etagOf } from '../http/etag';
import { readJsonObject } from '../http/json-body';
import { presentOrganisation } from '../presenters';

export const organisationRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const organisations = await listOrganisations(c.var.domain);
    return c.json({ count: organisations.length, results: organisations.map((o) => presentOrganisation(o, c.var.urls)) });
  })
  .post('/', async (c) => {
    const created = await createOrganisation(c.var.domain, c.var.caller, await readJsonObject(c));
    c.header('Location', c.var.urls.organisation(created.value.id));
    c.header('ETag', etagOf(created.version));
    return c.json(presentOrganisation(created, c.var.urls), 201);
  })
  .get('/:org', async (c) => {
    const found = await getOrganisation(c.var.domain, c.req.param('org'));
    const datasetCount = await countVisibleDatasets(c.var.domain, c.var.caller, found.value.id);
    c.header('ETag', etagOf(found.version));
    return c.json({ ...presentOrganisation(found, c.var.urls), datasetCount });
  })
  .post('/:org/tokens', async (c) => {
    const issued = await issueToken(c.var.domain, c.var.caller, c.req.param('org'), await readJsonObject(c));
    c.header('Cache-Control', 'no-store');
    return c.json(
      { ...issued, notice: 'Store this token now: the exchange keeps only its hash and cannot show it again.' },
      201,
    );
  })
  .get('/:org/tokens', async (c) => {
    const tokens = await listTokens(c.var.domain, c.var.caller, c.req.param('org'));
    return c.json({ count: tokens.length, results: tokens });
  })
  .delete('/:org/tokens/:tokenId', async (c) => {
    await revokeToken(c.var.domain, c.var.caller, c.req.param('org'), c.req.param('tokenId'));
    return c.body(null, 204);
  });
