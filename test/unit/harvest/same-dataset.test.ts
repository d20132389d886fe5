import { matchKeys, normalisePublisher, normaliseTitle, normaliseUrl } from '../../../functions/harvest/same-dataset';

describe('the keys that recognise one dataset in two sources', () => {
  it('normalises URLs: scheme, www., default port, trailing slash, fragment, tracking and parameter order', () => {
    const same = [
      'https://data.camden.gov.uk/files/wards.csv?b=2&a=1',
      'http://www.DATA.camden.gov.uk:80/files/wards.csv/?a=1&b=2&utm_source=x#top',
      'https://data.camden.gov.uk:443/files/wards.csv?a=1&b=2',
    ];
    expect(new Set(same.map(normaliseUrl)).size).toBe(1);
    expect(normaliseUrl('https://data.camden.gov.uk/files/wards.csv?a=2&b=1')).not.toBe(normaliseUrl(same[0]));
    expect(normaliseUrl('https://data.camden.gov.uk:8443/files/wards.csv')).toBe('https://data.camden.gov.uk:8443/files/wards.csv');
    // A home page says nothing about which dataset it is; neither does a URL that is not http(s).
    expect(normaliseUrl('https://www.camden.gov.uk/')).toBeUndefined();
    expect(normaliseUrl('ftp://data.camden.gov.uk/wards.csv')).toBeUndefined();
  });

  it('normalises titles and publishers as documented', () => {
    expect(normaliseTitle('  The Ward Profiles — 2026! ')).toBe('ward profiles 2026');
    expect(normaliseTitle('Crèches')).toBe(normaliseTitle('creches'));
    expect(normalisePublisher('London Borough of Camden')).toBe('camden');
    expect(normalisePublisher('Camden Council')).toBe('camden');
    expect(normalisePublisher('Royal Borough of Kingston upon Thames')).toBe(normalisePublisher('Kingston upon Thames Borough Council'));
    expect(normalisePublisher('Islington')).not.toBe(normalisePublisher('Camden'));
  });

  it('keys identifiers only when globally meaningful, and titles only with a publisher', () => {
    const keys = (identifier: string, publisher?: string) => [...matchKeys({ identifier, title: 'Trees', publisher, resourceUrls: [] }).entries()];
    expect(keys('trees')).toEqual([]);
    expect(keys('0B7C1F6E-2F4A-4D57-9A43-0C7C7B1F7E01')).toEqual([['id:0b7c1f6e-2f4a-4d57-9a43-0c7c7b1f7e01', 'identifier']]);
    expect(keys('http://www.example.org/dataset/trees/')).toEqual([['url:https://example.org/dataset/trees', 'identifier']]);
    expect(keys('trees', 'Camden Council')).toEqual([['title:trees\ncamden', 'title-and-publisher']]);
    // An identifier that is the landing page's URL matches that landing page in another source.
    const landing = matchKeys({ identifier: 'x', title: 'T', recordUrl: 'https://example.org/dataset/trees', resourceUrls: [] });
    expect(landing.has('url:https://example.org/dataset/trees')).toBe(true);
  });
});
