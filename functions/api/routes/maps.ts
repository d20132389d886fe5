import { resourceMap } from '../../geo/resource-map';
import { standaloneMapSvg } from '../../geo/svg/map-drawing';
import { routeName } from '../http/route-name';
import { errors } from '../openapi/builders';
import { route } from './declare';
import { versionQuery } from './resources';

/** Maps the exchange draws itself (functions/geo): an SVG document a report can embed. */
export const mapRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/datasets/:dataset/resources/:resource/map.svg',
    operationId: 'drawResourceMap',
    summary: 'A map of a published resource, as SVG',
    tags: ['Data'],
    auth: 'optional',
    description:
      'A resource with a column of London borough GSS codes (E09…) is drawn as a choropleth of a numeric column (`column`; default the first numeric one), in five quantile classes of a colour-blind-safe sequential palette. A resource with latitude/longitude or easting/northing (British National Grid) columns, or GeoJSON point features, is drawn as points over the borough outlines, counted in 1 km squares when there are more than 400. Drawn by the exchange from its own boundary file (ONS, Open Government Licence): no tiles, scripts or fonts from elsewhere. Rows are read through the same gate as row queries; reads of shared and private data are audited.',
    parameters: [
      'dataset',
      'resource',
      { name: 'column', in: 'query', description: 'The numeric column a choropleth is coloured by.', schema: { type: 'string', maxLength: 1000 } },
      {
        name: 'kind',
        in: 'query',
        description: 'choropleth (borough codes) or points (coordinates); default: choropleth when the resource has borough codes.',
        schema: { type: 'string', enum: ['choropleth', 'points'] },
      },
      versionQuery,
    ],
    responses: {
      200: { description: 'The map, with its legend and attribution.', content: { 'image/svg+xml': { schema: { type: 'string' } } } },
      ...errors(400, 404, 413, 504),
    },
    handler: async (c, { params, query }) => {
      const drawn = await resourceMap(
        c.var.domain,
        c.var.caller,
        { dataset: params.dataset, resource: params.resource, route: routeName(c) },
        {
          column: query.column as string | undefined,
          kind: query.kind as 'choropleth' | 'points' | undefined,
          version: query.version === undefined ? undefined : Number(query.version),
        },
      );
      c.header('Cache-Control', 'no-store');
      // The document carries its own styles; nothing else may load or run in it.
      c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
      c.header('X-Content-Type-Options', 'nosniff');
      return c.body(standaloneMapSvg(drawn.map.markup, drawn.notes), 200, { 'Content-Type': 'image/svg+xml; charset=utf-8' });
    },
  }),
];
