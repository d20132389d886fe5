import xmlScriber from '@graphy/content.xml.scribe';
import jsonld from 'jsonld';
import { DataFactory, type Quad, type Quad_Object, type Quad_Subject, Writer } from 'n3';
import { context } from './dcat-ap';
import type { RdfSerialisation } from './rdf-media-types';

/**
 * The DCAT-AP catalogue in the RDF syntaxes harvesters read besides JSON-LD: Turtle (n3's Writer)
 * and RDF/XML (graphy's scriber). The JSON-LD document (dcat-ap.ts) stays the one description:
 * it is expanded to RDF by the jsonld library, then written out, so the three serialisations
 * hold the same triples. Its @context is inline, so expansion loads nothing.
 */

interface JsonLdTerm {
  termType: string;
  value: string;
  language?: string;
  datatype?: { value: string };
}
interface JsonLdQuad {
  subject: JsonLdTerm;
  predicate: JsonLdTerm;
  object: JsonLdTerm;
}

const refuseRemoteContexts = async (url: string): Promise<never> => {
  throw new Error(`the DCAT-AP document names a remote context (${url}); its context must be inline`);
};

const subjectOf = (term: JsonLdTerm): Quad_Subject =>
  term.termType === 'BlankNode' ? DataFactory.blankNode(term.value.replace(/^_:/, '')) : DataFactory.namedNode(term.value);

const objectOf = (term: JsonLdTerm): Quad_Object => {
  if (term.termType !== 'Literal') return subjectOf(term);
  if (term.language) return DataFactory.literal(term.value, term.language);
  return DataFactory.literal(term.value, term.datatype ? DataFactory.namedNode(term.datatype.value) : undefined);
};

/** The document's triples as n3 terms (what both writers take). */
export const quadsOf = async (document: Record<string, unknown>): Promise<Quad[]> => {
  const expanded = (await jsonld.toRDF(
    document as jsonld.JsonLdDocument,
    { documentLoader: refuseRemoteContexts } as jsonld.Options.ToRdf,
  )) as unknown as JsonLdQuad[];
  return expanded.map(({ subject, predicate, object }) => DataFactory.quad(subjectOf(subject), DataFactory.namedNode(predicate.value), objectOf(object)));
};

const prefixes: Record<string, string> = { ...context };

const toTurtle = (quads: Quad[]): Promise<string> =>
  new Promise((resolve, reject) => {
    const writer = new Writer({ prefixes, format: 'text/turtle' });
    writer.addQuads(quads);
    writer.end((error, result: string) => (error ? reject(error) : resolve(result)));
  });

/**
 * Characters XML 1.0 cannot hold at all, escaped or not (C0 controls but tab and line breaks,
 * U+FFFE/U+FFFF, lone surrogates): they become U+FFFD, so a stray control character in a
 * description cannot make the whole catalogue page unreadable.
 */
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const xmlSafe = (quad: Quad): Quad => {
  if (quad.object.termType !== 'Literal') return quad;
  const value = quad.object.value.replace(XML_ILLEGAL, '\uFFFD');
  return value === quad.object.value
    ? quad
    : DataFactory.quad(quad.subject, quad.predicate, DataFactory.literal(value, quad.object.language || quad.object.datatype));
};

const toRdfXml = (quads: Quad[]): Promise<string> =>
  new Promise((resolve, reject) => {
    const scriber = xmlScriber({ prefixes });
    const chunks: string[] = [];
    scriber.on('data', (chunk: string | Buffer) => chunks.push(chunk.toString()));
    scriber.on('error', reject);
    scriber.on('end', () => resolve(chunks.join('')));
    for (const quad of quads) scriber.write(xmlSafe(quad));
    scriber.end();
  });

/** A JSON-LD document (the DCAT-AP catalogue page) written as Turtle or RDF/XML. */
export const serialiseDcat = async (document: Record<string, unknown>, syntax: RdfSerialisation): Promise<string> => {
  const quads = await quadsOf(document);
  return syntax === 'turtle' ? toTurtle(quads) : toRdfXml(quads);
};
