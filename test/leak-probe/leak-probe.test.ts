import { readdirSync } from 'node:fs';
import { allowedMethods } from '../../functions/api/route-table';
import { ckanActions } from '../../functions/ckan/actions';
import type { Channel } from './channel';
import { CKAN_ACTION_PREFIX, coverageGaps, type ProbeRequest } from './probe-coverage';
import { personCallers, refusedCredentials } from './people-world';
import { type AnyProbeCaller, buildWorld, callers, mayProbeReadData, mayProbeSeeMetadata, type ProbeDataset, tiers, type World } from './world';

/**
 * The leak probe: every channel × every caller × every tier. A caller must never receive a
 * marker of metadata or data it may not see; and where it may, the channel must show it (so a
 * channel that returns nothing cannot pass by accident).
 */
const channels: Channel[] = readdirSync(__dirname)
  .filter((file) => /^channels-.*\.ts$/.test(file))
  .flatMap((file) => (require(`./${file}`) as { channels: Channel[] }).channels);

let world: World;
/** Every request the channels made (not the world's setup), for the completeness check at the end. */
const requests: ProbeRequest[] = [];
beforeAll(async () => {
  world = await buildWorld();
  const request = world.t.request;
  world.t.request = (method, path, options) => {
    requests.push({ method, path });
    return request(method, path, options);
  };
}, 300_000);
afterAll(() => world.t.stop());

const tokenOf = (caller: AnyProbeCaller) => (caller === 'anonymous' ? undefined : world.tokens[caller]);

// Token callers and people alike (people hold personal tokens; one of them was removed from the publisher).
const cases = channels.flatMap((channel) => [...callers, ...personCallers].map((caller) => [channel.name, caller, channel] as const));

describe.each(cases)('%s as %s', (_name, caller, channel) => {
  it.each(tiers)('leaks nothing of the %s dataset it may not see', async (tier) => {
    const dataset: ProbeDataset = world.datasets[tier];
    const text = await channel.read(world, tokenOf(caller), dataset, caller);
    const everyone = [...Object.values(world.datasets), world.demoted];
    for (const other of everyone) {
      if (!mayProbeSeeMetadata(caller, other.tier))
        expect({ leaked: text.includes(other.metadataMarker), marker: other.metadataMarker }).toEqual({ leaked: false, marker: other.metadataMarker });
      if (!mayProbeReadData(caller, other.tier))
        expect({ leaked: text.includes(other.dataMarker), marker: other.dataMarker }).toEqual({ leaked: false, marker: other.dataMarker });
    }
    // A removed person's token is refused outright (401), so it cannot show even open data.
    if (refusedCredentials.has(caller)) return;
    if (channel.shows.metadata && mayProbeSeeMetadata(caller, tier)) expect(text).toContain(dataset.metadataMarker);
    if (channel.shows.data && mayProbeReadData(caller, tier)) expect(text).toContain(dataset.dataMarker);
  });
});

it('refuses the removed person’s personal token outright', async () => {
  const me = await world.t.request('GET', '/api/v1/me', { token: world.tokens.removedPerson });
  expect(me.status).toBe(401);
});

it('probes at least the native API channels', () => {
  expect(channels.length).toBeGreaterThanOrEqual(18);
});

// Runs after every channel above (Jest keeps declaration order within a file).
it('reads every GET route of the API and calls every CKAN action, bar the listed exemptions', () => {
  expect(requests.length).toBeGreaterThan(0);
  const getRoutes = allowedMethods.filter(([, methods]) => methods.includes('GET')).map(([path]) => path);
  const gaps = coverageGaps(getRoutes, Object.keys(ckanActions), requests);
  expect({ unprobedRoutes: gaps.routes, unprobedCkanActions: gaps.actions, staleExemptions: gaps.staleExemptions }).toEqual({
    unprobedRoutes: [],
    unprobedCkanActions: [],
    staleExemptions: [],
  });
  expect(requests.some(({ path }) => path.startsWith(CKAN_ACTION_PREFIX))).toBe(true);
});
