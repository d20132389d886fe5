import { assemble } from '../assemble';
import { spatialCoverage, temporalCoverage, temporalFromInterval } from '../coverage';
import { cleanDescription, cleanKeywords, cleanTitle, cleanUrl, contactPoint, resourceLink } from '../fields';
import { mapFrequency } from '../frequencies';
import { HarvestFormatError, type HarvestedDataset, type HarvestedResource, type MapContext, type MappedPage } from '../harvested-dataset';
import { mapLicence } from '../licences';
import { mapEach } from '../map-records';
import { NS, RdfGraph } from '../rdf-graph';
import { parseRdf, type RdfSyntax, type RdfTerm } from '../rdf-quads';
import { mapThemes } from '../themes';

/**
 * DCAT-AP (and GeoDCAT-AP, DCAT-AP.de, this exchange's own catalog.jsonld) to harvested
 * datasets: every dcat:Dataset node of a parsed document is one record. Paging is Hydra's:
 * hydra:next (or the older hydra:nextPage) on the collection's view.
 */

const { dcat, dct, rdf, vcard, foaf, skos, schema, schemaHttps, hydra, locn, rdfs } = NS;

/** A value that is an IRI, a literal, or a node holding the value (rdf:value, dct:identifier, a label). */
const nodeValue = (graph: RdfGraph, term: RdfTerm): string | undefined => {
  if (term.termType !== 'BlankNode') return term.value;
  return graph.literal(term, `${rdf}value`, `${dct}identifier`) ?? graph.label(term);
};

/** Labels and IRIs of linked nodes: enough for theme and licence matching. */
const namesOf = (graph: RdfTerm[], read: RdfGraph): string[] =>
  graph
    .flatMap((term) => [term.termType === 'BlankNode' ? undefined : term.value, read.label(term), nodeValue(read, term)])
    .filter((value): value is string => !!value);

const emailOf = (graph: RdfGraph, contact: RdfTerm): string | undefined =>
  graph.objects(contact, `${vcard}hasEmail`, `${schema}email`, `${foaf}mbox`)[0]?.value;

const contactOf = (graph: RdfGraph, dataset: RdfTerm) => {
  for (const contact of graph.objects(dataset, `${dcat}contactPoint`)) {
    const found = contactPoint(graph.literal(contact, `${vcard}fn`, `${vcard}organization-name`, `${foaf}name`), emailOf(graph, contact));
    if (found) return found;
  }
  return undefined;
};

const publisherOf = (graph: RdfGraph, dataset: RdfTerm) => {
  const publisher = graph.objects(dataset, `${dct}publisher`)[0];
  if (!publisher) return undefined;
  const name = cleanTitle(graph.label(publisher));
  if (!name) return undefined;
  const url = cleanUrl(graph.iris(publisher, `${foaf}homepage`)[0] ?? (publisher.termType === 'NamedNode' ? publisher.value : undefined));
  return url ? { name, url } : { name };
};

const temporalOf = (graph: RdfGraph, dataset: RdfTerm) => {
  for (const period of graph.objects(dataset, `${dct}temporal`)) {
    if (period.termType === 'Literal') return temporalFromInterval(period.value);
    const found = temporalCoverage(
      graph.literal(period, `${dcat}startDate`, `${schema}startDate`, `${schemaHttps}startDate`),
      graph.literal(period, `${dcat}endDate`, `${schema}endDate`, `${schemaHttps}endDate`),
    );
    if (found) return found;
  }
  return undefined;
};

const spatialOf = (graph: RdfGraph, dataset: RdfTerm) => {
  const places = graph.objects(dataset, `${dct}spatial`);
  const codeSources = places.flatMap((place) => [place.value, ...graph.literals(place, `${dct}identifier`, `${skos}notation`)]);
  const labels = places.map((place) =>
    place.termType === 'Literal' ? undefined : graph.literal(place, `${skos}prefLabel`, `${rdfs}label`, `${dct}title`, `${locn}geographicName`),
  );
  return spatialCoverage(codeSources, labels.filter(Boolean).join(', ') || undefined);
};

const distributionOf = (graph: RdfGraph, distribution: RdfTerm): HarvestedResource | undefined => {
  const format = graph.objects(distribution, `${dct}format`)[0];
  const mediaType = graph.objects(distribution, `${dcat}mediaType`)[0];
  return resourceLink({
    title: graph.literal(distribution, `${dct}title`),
    url: graph.iris(distribution, `${dcat}downloadURL`)[0] ?? graph.iris(distribution, `${dcat}accessURL`)[0],
    description: graph.literal(distribution, `${dct}description`),
    format: format && nodeValue(graph, format),
    mediaType: mediaType && nodeValue(graph, mediaType),
    size: graph.literal(distribution, `${dcat}byteSize`),
  });
};

const licenceCandidates = (graph: RdfGraph, dataset: RdfTerm, distributions: RdfTerm[]): string[] => {
  const licences = [dataset, ...distributions].flatMap((node) => graph.objects(node, `${dct}license`));
  return namesOf(licences, graph);
};

export const mapDcatApDataset = (graph: RdfGraph, dataset: RdfTerm, context: MapContext): HarvestedDataset => {
  const distributions = graph.objects(dataset, `${dcat}distribution`);
  const licences = licenceCandidates(graph, dataset, distributions);
  const rights = [dataset, ...distributions].flatMap((node) => graph.literals(node, `${dct}rights`));
  const title = graph.preferredLiterals(dataset, `${dct}title`)[0];
  const frequency = graph.objects(dataset, `${dct}accrualPeriodicity`)[0];
  return assemble(
    'dcat-ap',
    context,
    {
      identifier: graph.literal(dataset, `${dct}identifier`) ?? (dataset.termType === 'NamedNode' ? dataset.value : undefined),
      readableName: title,
      recordUrl: cleanUrl(graph.iris(dataset, `${dcat}landingPage`)[0]) ?? (dataset.termType === 'NamedNode' ? cleanUrl(dataset.value) : undefined),
      lastChangedAtSource: graph.literal(dataset, `${dct}modified`) ?? graph.literal(dataset, `${dct}issued`),
      licenceAtSource: licences[0] ?? rights[0],
    },
    {
      title: cleanTitle(title),
      description: cleanDescription(graph.preferredLiterals(dataset, `${dct}description`)[0]),
      licence: mapLicence(...licences),
      keywords: cleanKeywords(graph.preferredLiterals(dataset, `${dcat}keyword`)),
      themes: mapThemes(namesOf(graph.objects(dataset, `${dcat}theme`), graph)),
      updateFrequency: frequency ? mapFrequency(nodeValue(graph, frequency)) : undefined,
      temporalCoverage: temporalOf(graph, dataset),
      spatialCoverage: spatialOf(graph, dataset),
      contactPoint: contactOf(graph, dataset),
      publisher: publisherOf(graph, dataset),
      resources: distributions.map((distribution) => distributionOf(graph, distribution)),
    },
  );
};

/** The next page's URL and the collection's size, from Hydra terms anywhere in the document. */
export const hydraPaging = (graph: RdfGraph): Pick<MappedPage, 'next' | 'total'> => {
  const views = [...graph.subjectsWith(`${hydra}next`), ...graph.subjectsWith(`${hydra}nextPage`)];
  const next = views.map((view) => cleanUrl(graph.iris(view, `${hydra}next`, `${hydra}nextPage`)[0])).find(Boolean);
  const totals = graph.subjectsWith(`${hydra}totalItems`).map((collection) => Number(graph.literal(collection, `${hydra}totalItems`)));
  const total = totals.find((value) => Number.isSafeInteger(value) && value >= 0);
  return { ...(next ? { next: { url: next } } : {}), ...(total !== undefined ? { total } : {}) };
};

export const mapDcatApGraph = (graph: RdfGraph, context: MapContext): MappedPage => ({
  records: mapEach(
    graph.subjectsOfType(`${dcat}Dataset`),
    (dataset) => mapDcatApDataset(graph, dataset, context),
    (dataset) => graph.literal(dataset, `${dct}identifier`) ?? (dataset.termType === 'NamedNode' ? dataset.value : undefined),
  ),
  ...hydraPaging(graph),
});

/** Parses a fetched document and maps it; a document that does not parse is a page-level error. */
export const mapDcatApDocument = async (text: string, syntax: RdfSyntax, context: MapContext, baseIRI?: string): Promise<MappedPage> => {
  let graph: RdfGraph;
  try {
    graph = new RdfGraph(await parseRdf(text, syntax, baseIRI));
  } catch (error) {
    throw new HarvestFormatError('dcat-ap', error instanceof Error ? error.message : String(error));
  }
  return mapDcatApGraph(graph, context);
};
