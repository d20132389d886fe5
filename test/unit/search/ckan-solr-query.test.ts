import { CkanError } from '../../../functions/ckan/errors';
import { parseSolrQuery } from '../../../functions/ckan/solr-query';

describe('the CKAN q and fq syntax', () => {
  it('reads field filters, quoted values, signs and free text, ANDed', () => {
    const parsed = parseSolrQuery('organization:camden +tags:"air quality" -res_format:PDF AND license_id:OGL-UK-3.0', 'fq');
    expect(parsed.conditions).toEqual([
      { field: 'organisation', value: 'camden' },
      { field: 'keyword', value: 'air quality' },
      { field: 'format', value: 'PDF', negate: true },
      { field: 'licence', value: 'OGL-UK-3.0' },
    ]);
    expect(parseSolrQuery('trees title:park *:*', 'q').text).toEqual(['trees', 'park']);
  });

  it('reads the harvester’s modification range and CKAN’s own dataset_type filter', () => {
    const parsed = parseSolrQuery('metadata_modified:[2024-05-01T10:00:00.123456Z TO *] +dataset_type:dataset', 'fq');
    expect(parsed.modifiedSince).toBe('2024-05-01T10:00:00.123Z');
    expect(parsed.modifiedUntil).toBeUndefined();
    expect(parsed.conditions).toEqual([]);
    expect(parseSolrQuery('dataset_type:harvest', 'fq').conditions).toEqual([{ field: 'id', value: '' }]);
    expect(parseSolrQuery('capacity:public', 'fq').publicOnly).toBe(true);
  });

  it('treats unknown fields as text in q, and as an error in fq', () => {
    expect(parseSolrQuery('colour:red', 'q').text).toEqual(['colour red']);
    expect(() => parseSolrQuery('colour:red', 'fq')).toThrow(CkanError);
  });

  it.each([
    'tags:(air OR noise)',
    'tags:air OR tags:noise',
    'tags:"unterminated',
    'tags:a*',
    'metadata_modified:2024-01-01',
    'metadata_modified:[NOW-1DAY TO *]',
  ])('answers %s with a Search Query Error, never a different result', (fq) => {
    let thrown: unknown;
    try {
      parseSolrQuery(fq, 'fq');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CkanError);
    expect((thrown as CkanError).status).toBe(400);
    expect((thrown as CkanError).body().__type).toBe('Search Query Error');
  });
});
