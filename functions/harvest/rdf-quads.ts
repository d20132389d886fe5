import type * as JsonLd from 'jsonld';
import type * as N3 from 'n3';
import type * as RdfXml from 'rdfxml-streaming-parser';

/**
 * RDF text (Turtle, N-Triples, RDF/XML, JSON-LD) to quads, with no I/O: JSON-LD documents that
 * name a remote @context are refused rather than fetched (a fetch from inside a parser would
 * bypass the outbound fetcher's address checks), and RDF/XML's parser does not resolve external
 * entities.
 */

export interface RdfTerm {
  termType: string;
  value: string;
  language?: string;
  datatype?: { value: string };
}

export interface RdfQuad {
  subject: RdfTerm;
  predicate: RdfTerm;
  object: RdfTerm;
}

export type RdfSyntax = 'turtle' | 'n-triples' | 'rdf-xml' | 'json-ld';

const MEDIA_TYPES: ReadonlyMap<string, RdfSyntax> = new Map([
  ['text/turtle', 'turtle'],
  ['application/x-turtle', 'turtle'],
  ['application/n-triples', 'n-triples'],
  ['text/plain', 'n-triples'],
  ['application/rdf+xml', 'rdf-xml'],
  ['application/xml', 'rdf-xml'],
  ['text/xml', 'rdf-xml'],
  ['application/ld+json', 'json-ld'],
  ['application/json', 'json-ld'],
]);

/** The syntax a Content-Type names, or undefined for one that is not RDF. */
export const rdfSyntaxOf = (contentType: string | undefined): RdfSyntax | undefined => MEDIA_TYPES.get((contentType ?? '').split(';')[0].trim().toLowerCase());

export class RdfSyntaxError extends Error {
  constructor(syntax: RdfSyntax, cause: unknown) {
    super(`Not valid ${syntax}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'RdfSyntaxError';
  }
}

// The parsers are required when a harvest parses, not imported: the API function that declares the harvest routes starts without them.
const jsonld = (): typeof JsonLd => require('jsonld') as typeof JsonLd;
const N3Parser = (): typeof N3.Parser => (require('n3') as typeof N3).Parser;

const parseRdfXml = (text: string, baseIRI: string | undefined): Promise<RdfQuad[]> =>
  new Promise((resolve, reject) => {
    const quads: RdfQuad[] = [];
    const parser = new (require('rdfxml-streaming-parser') as typeof RdfXml).RdfXmlParser(baseIRI ? { baseIRI } : {});
    parser.on('data', (quad: RdfQuad) => quads.push(quad));
    parser.on('error', reject);
    parser.on('end', () => {
      // The parser's own end does not check that every element was closed, so a truncated
      // document would pass as a shorter one; closing its XML reader does check.
      try {
        // biome-ignore lint/complexity/useLiteralKeys: saxParser is private in the parser's types; bracket access is how TypeScript allows reaching it
        (parser['saxParser'] as { close(): void }).close();
        resolve(quads);
      } catch (error) {
        reject(error);
      }
    });
    parser.end(text);
  });

const parseJsonLd = async (text: string, baseIRI: string | undefined): Promise<RdfQuad[]> => {
  const document: unknown = JSON.parse(text);
  let remote: string | undefined;
  const refuseRemoteContexts = async (url: string): Promise<never> => {
    remote = url;
    throw new Error('remote contexts are not fetched');
  };
  try {
    const quads = await jsonld().toRDF(document as JsonLd.JsonLdDocument, { base: baseIRI, documentLoader: refuseRemoteContexts } as JsonLd.Options.ToRdf);
    return quads as unknown as RdfQuad[];
  } catch (error) {
    // jsonld reports a refused load in its own words; say which context it wanted instead.
    if (remote) throw new Error(`the document needs the remote JSON-LD context ${remote}, which is not fetched`);
    throw error;
  }
};

export const parseRdf = async (text: string, syntax: RdfSyntax, baseIRI?: string): Promise<RdfQuad[]> => {
  try {
    switch (syntax) {
      case 'turtle':
        return new (N3Parser())({ baseIRI, format: 'text/turtle' }).parse(text) as RdfQuad[];
      case 'n-triples':
        return new (N3Parser())({ format: 'application/n-triples' }).parse(text) as RdfQuad[];
      case 'rdf-xml':
        return await parseRdfXml(text, baseIRI);
      case 'json-ld':
        return await parseJsonLd(text, baseIRI);
    }
  } catch (error) {
    throw new RdfSyntaxError(syntax, error);
  }
};
