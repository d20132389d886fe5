import { Parser as N3Parser } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { serialiseDcat } from '../../../functions/interop/dcat-rdf';
import { context } from '../../../functions/interop/dcat-ap';

/** Text XML 1.0 cannot hold must not make a catalogue page unreadable; Turtle keeps it exactly. */
const document = {
  '@context': context,
  '@id': 'https://data.example.org/api/v1/datasets/a',
  '@type': 'dcat:Dataset',
  'dct:title': 'Bell\u0007 and \uD800 lone surrogate',
  'dct:description': { '@value': 'Gwybodaeth', '@language': 'cy' },
};

const parseRdfXml = (text: string): Promise<any[]> =>
  new Promise((resolve, reject) => {
    const quads: any[] = [];
    const parser = new RdfXmlParser();
    parser.on('data', (quad) => quads.push(quad));
    parser.on('error', reject);
    parser.on('end', () => resolve(quads));
    parser.end(text);
  });

it('writes RDF/XML that parses, with characters XML cannot hold replaced by U+FFFD', async () => {
  const quads = await parseRdfXml(await serialiseDcat(document, 'rdf-xml'));
  const title = quads.find((q) => q.predicate.value === 'http://purl.org/dc/terms/title');
  expect(title.object.value).toBe('Bell\uFFFD and \uFFFD lone surrogate');
  const description = quads.find((q) => q.predicate.value === 'http://purl.org/dc/terms/description');
  expect(description.object).toMatchObject({ value: 'Gwybodaeth', language: 'cy' });
});

it('writes Turtle that parses back to the same text, control character included', async () => {
  const quads = new N3Parser().parse(await serialiseDcat(document, 'turtle'));
  expect(quads.find((q) => q.predicate.value === 'http://purl.org/dc/terms/title')?.object.value).toBe('Bell\u0007 and \uD800 lone surrogate');
});
