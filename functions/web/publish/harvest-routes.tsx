import { type Context, Hono } from 'hono';
import { ExchangeError } from '../../domain/errors';
import { findOrganisation } from '../../domain/organisations';
import { harvestNow } from '../../harvest/harvest-now';
import { listHarvestRuns } from '../../harvest/run-records';
import { nextRunAt, readScheduleState } from '../../harvest/schedule';
import { getHarvestSource, type HarvestSource, listHarvestSources } from '../../harvest/sources';
import { pageContext } from '../page-context';
import { render } from '../render';
import type { WebEnv } from '../web-env';
import { HarvestSourcePage, HarvestSourcesPage, type SourceOverview } from './harvest-page';
import { type Member, memberOf, toSignIn } from './publish-support';

/** Notices after a redirect, chosen by a fixed key (never text from the query string). */
const NOTICES = new Map([
  ['ran', 'The run has finished: see it below.'],
  ['queued', 'The run has started: reload this page to follow it.'],
  ['busy', 'A run of this source is already in progress.'],
]);

const overviewOf = async (
  c: Context<WebEnv>,
  member: Member,
  source: HarvestSource,
): Promise<SourceOverview & { runs: Awaited<ReturnType<typeof listHarvestRuns>> }> => {
  const [state, runs] = await Promise.all([
    readScheduleState(c.var.domain, source.id),
    listHarvestRuns(c.var.domain, member, member.organisationId, source.id),
  ]);
  return { source, state, nextRun: nextRunAt(source, state), lastRun: runs[runs.length - 1], runs };
};

/** The organisation's harvest sources, for its admins (the domain refuses others, as the API does). */
export const harvestRoutes = new Hono<WebEnv>()
  .get('/publish/harvest', async (c) => {
    const member = memberOf(c);
    if (!member) return toSignIn(c);
    const [sources, organisation] = await Promise.all([
      listHarvestSources(c.var.domain, member, member.organisationId),
      findOrganisation(c.var.domain, member.organisationId),
    ]);
    const overviews = await Promise.all(sources.map((s) => overviewOf(c, member, s.value)));
    return render(c, <HarvestSourcesPage page={pageContext(c)} organisationName={organisation?.value.name ?? member.organisationId} sources={overviews} />);
  })
  .get('/publish/harvest/:source', async (c) => {
    const member = memberOf(c);
    if (!member) return toSignIn(c);
    const source = await getHarvestSource(c.var.domain, member, member.organisationId, c.req.param('source'));
    const overview = await overviewOf(c, member, source.value);
    return render(
      c,
      <HarvestSourcePage page={pageContext(c)} overview={overview} runs={[...overview.runs].reverse()} notice={NOTICES.get(c.req.query('done') ?? '')} />,
    );
  })
  .post('/publish/harvest/:source/run', async (c) => {
    const member = memberOf(c);
    if (!member) return toSignIn(c);
    const id = c.req.param('source');
    let done = 'ran';
    try {
      // Queued for the harvester in AWS, as the API's "harvest now" (functions/harvest/harvest-now.ts).
      if ((await harvestNow(c.var.domain, member, member.organisationId, id)).queued) done = 'queued';
    } catch (error) {
      if (!(error instanceof ExchangeError && error.code === 'conflict')) throw error;
      done = 'busy';
    }
    return c.redirect(c.var.urls.page(`/publish/harvest/${encodeURIComponent(id)}?done=${done}`), 303);
  });
