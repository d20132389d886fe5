import type { Caller } from '../../../functions/domain/caller';
import type { SearchDocument } from '../../../functions/search/search-document';
import { SearchIndex } from '../../../functions/search/search-index';
import { facetFields, runSearch, type SearchQuery } from '../../../functions/search/search-query';
import { decodeSnapshot, encodeSnapshot } from '../../../functions/search/search-snapshot';
import { doc } from './documents';

/**
 * Relevance statistics (document count, documents per term, average lengths) leave private
 * datasets out, so that what a caller sees ranks the same whatever private datasets hold.
 * The probe is the attack: two datasets of the attacker's whose titles differ only in a guessed
 * word (both found by one prefix), ranked against each other.
 */
const anonymous: Caller = { kind: 'anonymous' };
const camdenViewer: Caller = { kind: 'member', organisationId: 'camden', role: 'viewer', tokenId: 't1' };

const search = (index: SearchIndex, caller: Caller, text: string) => {
  const query: SearchQuery = {
    text,
    conditions: [],
    sort: { by: 'relevance', direction: 'desc' },
    limit: 100,
    facets: facetFields,
    facetLimit: -1,
    facetMode: 'disjunctive',
  };
  return runSearch(index, caller, query).hits.map((hit) => [hit.doc.name, hit.score]);
};

const probes = [
  doc('probe-a', { title: 'Quarterly zqaguess', organisation: 'barnet' }),
  doc('probe-b', { title: 'Quarterly zqacontrol', organisation: 'barnet' }),
];
const filler = Array.from({ length: 20 }, (_, i) => doc(`filler-${i}`, { title: `Street works ${i}`, description: 'quarterly returns' }));
/** Camden's private datasets, full of the guessed word and long. */
const secrets = Array.from({ length: 30 }, (_, i) =>
  doc(`secret-${i}`, {
    title: `Zqaguess zqaguess plan ${i}`,
    description: `${'zqaguess '.repeat(50)}many other words of a very long description`,
    keywords: ['zqaguess'],
    tier: 'private',
  }),
);

describe('ranking statistics', () => {
  it('rank the probes the same, with the same scores, whatever private datasets hold the guessed word', () => {
    const before = search(SearchIndex.build([...probes, ...filler]), anonymous, 'zqa');
    expect(before.map(([name]) => name)).toEqual(['probe-a', 'probe-b']);
    const withSecrets = SearchIndex.build([...probes, ...filler, ...secrets]);
    expect(search(withSecrets, anonymous, 'zqa')).toEqual(before);
    expect(search(withSecrets, anonymous, 'quarterly')).toEqual(search(SearchIndex.build([...probes, ...filler]), anonymous, 'quarterly'));
  });

  it('still find and score private datasets for the callers who may see them', () => {
    const index = SearchIndex.build([...probes, ...filler, ...secrets]);
    const found = search(index, camdenViewer, 'zqaguess');
    expect(found).toHaveLength(secrets.length + 1);
    for (const [, score] of found) expect(score).toBeGreaterThan(0);
  });

  it('hold through removals, a change of tier and a snapshot round trip', () => {
    const plain = search(SearchIndex.build([...probes, ...filler]), anonymous, 'zqa');
    const index = SearchIndex.build([...probes, ...filler, ...secrets]);
    expect(search(decodeSnapshot(encodeSnapshot(index, 1, '2024-01-01T00:00:00.000Z')).index, anonymous, 'zqa')).toEqual(plain);
    // A private dataset made open counts from then on, and its removal takes it out again.
    const opened: SearchDocument = { ...secrets[0], tier: 'open', source: 'd2' };
    index.upsert(opened);
    const withOpened = search(SearchIndex.build([...probes, ...filler, opened]), anonymous, 'zqa');
    expect(search(index, anonymous, 'zqa')).toEqual(withOpened);
    expect(withOpened.map(([name]) => name)).toContain('secret-0');
    index.remove(opened.id);
    for (const secret of secrets.slice(1, 10)) index.remove(secret.id);
    expect(search(index, anonymous, 'zqa')).toEqual(plain);
  });
});
