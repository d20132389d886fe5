/**
 * The RDF syntaxes the catalogue is served in and their media types: a module of its own so that
 * the route declarations name them without loading the RDF libraries (dcat-rdf.ts), which only
 * the RDF requests need.
 */
export type RdfSerialisation = 'turtle' | 'rdf-xml';

export const RDF_MEDIA_TYPES: ReadonlyMap<RdfSerialisation, string> = new Map([
  ['turtle', 'text/turtle; charset=utf-8'],
  ['rdf-xml', 'application/rdf+xml; charset=utf-8'],
]);
