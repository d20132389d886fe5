import type { RdfQuad, RdfTerm } from './rdf-quads';

/**
 * The quads of one document indexed by subject and predicate, with the small reads the DCAT
 * mapping needs: objects of a property, literals by preferred language, labels of linked nodes.
 */

export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  schema: 'http://schema.org/',
  schemaHttps: 'https://schema.org/',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  locn: 'http://www.w3.org/ns/locn#',
} as const;

/** A node's key: blank nodes and IRIs never collide. */
const keyOf = (term: RdfTerm): string => `${term.termType === 'BlankNode' ? '_:' : ''}${term.value}`;

export class RdfGraph {
  private readonly bySubject = new Map<string, Map<string, RdfTerm[]>>();

  constructor(quads: ReadonlyArray<RdfQuad>) {
    for (const { subject, predicate, object } of quads) {
      const key = keyOf(subject);
      let properties = this.bySubject.get(key);
      if (!properties) this.bySubject.set(key, (properties = new Map()));
      const objects = properties.get(predicate.value);
      if (objects) objects.push(object);
      else properties.set(predicate.value, [object]);
    }
  }

  objects(node: RdfTerm, ...predicates: string[]): RdfTerm[] {
    const properties = this.bySubject.get(keyOf(node));
    return properties ? predicates.flatMap((predicate) => properties.get(predicate) ?? []) : [];
  }

  /** Subjects typed with this class, in document order. */
  subjectsOfType(type: string): RdfTerm[] {
    const found: RdfTerm[] = [];
    for (const [key, properties] of this.bySubject) {
      if ((properties.get(`${NS.rdf}type`) ?? []).some((object) => object.value === type)) {
        found.push(key.startsWith('_:') ? { termType: 'BlankNode', value: key.slice(2) } : { termType: 'NamedNode', value: key });
      }
    }
    return found;
  }

  /** Subjects that have this property at all. */
  subjectsWith(predicate: string): RdfTerm[] {
    const found: RdfTerm[] = [];
    for (const [key, properties] of this.bySubject) {
      if (properties.has(predicate)) found.push(key.startsWith('_:') ? { termType: 'BlankNode', value: key.slice(2) } : { termType: 'NamedNode', value: key });
    }
    return found;
  }

  /** Literal values, English or untagged first, then any other language; de-duplicated. */
  literals(node: RdfTerm, ...predicates: string[]): string[] {
    const literals = this.objects(node, ...predicates).filter((term) => term.termType === 'Literal');
    const rank = (term: RdfTerm) => (!term.language ? 0 : term.language.toLowerCase().startsWith('en') ? 0 : 1);
    return [...new Set([...literals].sort((a, b) => rank(a) - rank(b)).map((term) => term.value))];
  }

  /** Literals in the preferred language only, when there are any; all of them otherwise. */
  preferredLiterals(node: RdfTerm, ...predicates: string[]): string[] {
    const literals = this.objects(node, ...predicates).filter((term) => term.termType === 'Literal');
    const preferred = literals.filter((term) => !term.language || term.language.toLowerCase().startsWith('en'));
    return [...new Set((preferred.length > 0 ? preferred : literals).map((term) => term.value))];
  }

  literal(node: RdfTerm, ...predicates: string[]): string | undefined {
    return this.literals(node, ...predicates)[0];
  }

  /** A linked node's label: its literal name under any of the usual properties. */
  label(node: RdfTerm): string | undefined {
    if (node.termType === 'Literal') return node.value;
    return this.literal(node, `${NS.skos}prefLabel`, `${NS.foaf}name`, `${NS.vcard}fn`, `${NS.rdfs}label`, `${NS.dct}title`, `${NS.schema}name`);
  }

  /** IRIs a property points to, or IRI-looking literals (some publishers write URLs as strings). */
  iris(node: RdfTerm, ...predicates: string[]): string[] {
    return this.objects(node, ...predicates)
      .filter((term) => term.termType === 'NamedNode' || (term.termType === 'Literal' && /^https?:\/\//.test(term.value)))
      .map((term) => term.value);
  }
}
