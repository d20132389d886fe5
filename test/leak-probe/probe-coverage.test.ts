import { coverageGaps, EXEMPT_ACTIONS, EXEMPT_ROUTES } from './probe-coverage';

const exemptRoutes = [...EXEMPT_ROUTES.keys()];
const exemptActions = [...EXEMPT_ACTIONS.keys()];

describe('the leak probe completeness rule', () => {
  it('names a GET route and a CKAN action that no channel read', () => {
    const routes = [...exemptRoutes, '/api/v1/datasets/:dataset', '/api/v1/organisations/:org/tokens'];
    const requests = [
      { method: 'GET', path: '/api/v1/datasets/probe-open?x=1' },
      { method: 'POST', path: '/api/3/action/package_show' },
    ];
    expect(coverageGaps(routes, [...exemptActions, 'package_show', 'tag_list'], requests)).toEqual({
      routes: ['/api/v1/organisations/:org/tokens'],
      actions: ['tag_list'],
      staleExemptions: [],
    });
  });

  it('counts a route as read only by a GET to a path its pattern matches, one segment per parameter', () => {
    const routes = [...exemptRoutes, '/api/v1/datasets/:dataset', '/dataset/:name{[^/]+\\.jsonld}'];
    const requests = [
      { method: 'PATCH', path: '/api/v1/datasets/probe-open' },
      { method: 'GET', path: '/api/v1/datasets/probe-open/grants' },
      { method: 'GET', path: '/dataset/probe-open.json' },
    ];
    expect(coverageGaps(routes, exemptActions, requests).routes).toEqual(['/api/v1/datasets/:dataset', '/dataset/:name{[^/]+\\.jsonld}']);
    expect(coverageGaps(routes, exemptActions, [{ method: 'GET', path: '/dataset/probe-open.jsonld' }]).routes).toEqual(['/api/v1/datasets/:dataset']);
  });

  it('reports an exemption whose route or action no longer exists', () => {
    expect(coverageGaps(exemptRoutes.slice(1), exemptActions.slice(1), []).staleExemptions).toEqual([exemptRoutes[0], exemptActions[0]]);
  });
});
