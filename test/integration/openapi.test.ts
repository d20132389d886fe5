import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { allowedMethods } from '../../functions/api/route-table';
import openApiSchema from '../fixtures/reference/openapi-3.1/schema-2022-10-07.json';
import { startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * /api/v1/openapi.json. What is checked:
 * 1. the document against the OpenAPI Initiative's OAS 3.1 JSON Schema (structure);
 * 2. every Schema Object in it against the JSON Schema 2020-12 meta-schema, for unknown (misspelt)
 *    keywords, and by compiling it with every $ref resolved;
 * 3. the route table and the document, both ways, and that each documented route is really served.
 * Live responses are checked against the documented schemas in openapi-responses.test.ts.
 */
type Json = Record<string, any>;
const DOC_ID = 'https://ldx.test/openapi.json';

let t: TestExchange;
let doc: Json;
let ajv: Ajv2020;

const toTemplate = (tablePath: string) => tablePath.replace(/:([A-Za-z]+)/g, '{$1}');
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const escapePointerPart = (part: string) => encodeURIComponent(part.replace(/~/g, '~0').replace(/\//g, '~1'));

const SCHEMA_KEYWORDS = new Set([
  // JSON Schema 2020-12: core, applicator, validation, format, content and meta-data vocabularies
  '$schema',
  '$id',
  '$ref',
  '$anchor',
  '$dynamicRef',
  '$dynamicAnchor',
  '$defs',
  '$comment',
  '$vocabulary',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'prefixItems',
  'items',
  'contains',
  'properties',
  'patternProperties',
  'additionalProperties',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
  'type',
  'enum',
  'const',
  'multipleOf',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxContains',
  'minContains',
  'maxProperties',
  'minProperties',
  'required',
  'dependentRequired',
  'format',
  'contentEncoding',
  'contentMediaType',
  'contentSchema',
  'title',
  'description',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  'examples',
  // the OpenAPI 3.1 Schema Object's additions
  'discriminator',
  'xml',
  'externalDocs',
  'example',
]);
const SUBSCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SUBSCHEMA_ONE = [
  'additionalProperties',
  'propertyNames',
  'items',
  'contains',
  'unevaluatedItems',
  'unevaluatedProperties',
  'not',
  'if',
  'then',
  'else',
  'contentSchema',
];

/** Keywords that are not JSON Schema 2020-12 or OpenAPI (a misspelt `minLenght` would silently constrain nothing). */
const jsonSchemaKeywordProblems = (schema: unknown): string[] => {
  if (typeof schema !== 'object' || schema === null) return [];
  const node = schema as Json;
  const problems = Object.keys(node)
    .filter((key) => !SCHEMA_KEYWORDS.has(key) && !key.startsWith('x-'))
    .map((key) => `unknown keyword ${key}`);
  for (const key of SUBSCHEMA_MAPS) for (const inner of Object.values(node[key] ?? {})) problems.push(...jsonSchemaKeywordProblems(inner));
  for (const key of SUBSCHEMA_LISTS) for (const inner of node[key] ?? []) problems.push(...jsonSchemaKeywordProblems(inner));
  for (const key of SUBSCHEMA_ONE) problems.push(...jsonSchemaKeywordProblems(node[key]));
  return problems;
};

/** Every Schema Object the document holds (components, parameters, bodies, responses, headers), with its JSON pointer. */
const schemaObjectsOf = (document: Json): Array<{ where: string; schema: Json | boolean }> => {
  const found: Array<{ where: string; schema: Json | boolean }> = [];
  const at = (parts: Array<string | number>) => `/${parts.map((p) => escapePointerPart(String(p))).join('/')}`;
  const media = (content: Json | undefined, parts: Array<string | number>) => {
    for (const [type, entry] of Object.entries<Json>(content ?? {}))
      if (entry.schema) found.push({ where: at([...parts, 'content', type, 'schema']), schema: entry.schema });
  };
  const parameter = (p: Json, parts: Array<string | number>) => {
    if (p.schema) found.push({ where: at([...parts, 'schema']), schema: p.schema });
    media(p.content, parts);
  };
  const response = (r: Json, parts: Array<string | number>) => {
    media(r.content, parts);
    for (const [name, header] of Object.entries<Json>(r.headers ?? {})) parameter(header, [...parts, 'headers', name]);
  };
  for (const [name, schema] of Object.entries<Json>(document.components.schemas)) found.push({ where: at(['components', 'schemas', name]), schema });
  for (const [name, p] of Object.entries<Json>(document.components.parameters)) parameter(p, ['components', 'parameters', name]);
  for (const [name, r] of Object.entries<Json>(document.components.responses)) response(r, ['components', 'responses', name]);
  for (const [path, item] of Object.entries<Json>(document.paths)) {
    (item.parameters ?? []).forEach((p: Json, i: number) => parameter(p, ['paths', path, 'parameters', i]));
    for (const method of METHODS.filter((m) => item[m])) {
      const operation = item[method];
      (operation.parameters ?? []).forEach((p: Json, i: number) => parameter(p, ['paths', path, method, 'parameters', i]));
      if (operation.requestBody) media(operation.requestBody.content, ['paths', path, method, 'requestBody']);
      for (const [status, r] of Object.entries<Json>(operation.responses)) response(r, ['paths', path, method, 'responses', status]);
    }
  }
  return found;
};

beforeAll(async () => {
  t = await startTestExchange();
  const response = await t.request('GET', '/api/v1/openapi.json');
  expect(response.status).toBe(200);
  doc = response.body;
  ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema(doc, DOC_ID);
}, 60_000);
afterAll(() => t.stop());

describe('the OpenAPI document', () => {
  it('validates against the OpenAPI 3.1 schema', () => {
    const oas = new Ajv2020({ allErrors: true, strict: false });
    addFormats(oas);
    oas.addFormat('media-range', /^[\w.+*-]+\/[\w.+*-]+(\s*;.*)?$/); // RFC 9110 media ranges: the keys of `content`
    // ajv resolves `$dynamicRef: "#meta"` against the wrong dynamic scope (it lands on the enclosing
    // object's schema). The document's only `$dynamicAnchor: meta` is `#/$defs/schema`, and nothing
    // extends it here, so a plain `$ref` to it is the same rule.
    const validate = oas.compile(JSON.parse(JSON.stringify(openApiSchema).replaceAll('"$dynamicRef":"#meta"', '"$ref":"#/$defs/schema"')));
    expect({ valid: validate(doc), errors: validate.errors ?? null }).toEqual({ valid: true, errors: null });
    expect(validate({ openapi: '3.1.0', info: { title: 'x' }, paths: {} })).toBe(false);
    expect(doc).toMatchObject({
      openapi: '3.1.0',
      servers: [{ url: t.url }],
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    });
  });

  it('embeds the metadata schemas from schemas/ under their own $id, and one shared error shape', async () => {
    expect(doc.components.schemas.Dataset.$id).toBe('https://data.london.gov.uk/ldx/schemas/metadata/dataset/1.0.0');
    expect(doc.components.schemas.Organisation.$id).toBe('https://data.london.gov.uk/ldx/schemas/metadata/organisation/1.0.0');
    const published = await t.request('GET', '/api/v1/schemas/dataset');
    // The same schema, less the exchange's own `version` annotation, which OpenAPI Schema Objects do not have.
    const { version, ...publishedSchema } = JSON.parse(published.text);
    expect(version).toBe('1.0.0');
    expect(publishedSchema).toEqual(doc.components.schemas.Dataset);
    expect(doc.components.schemas.DatasetRecord.properties.licence).toEqual(doc.components.schemas.Dataset.properties.licence);
    for (const name of Object.keys(doc.components.responses))
      expect(doc.components.responses[name].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
  });

  it('has only valid JSON Schema 2020-12 in it, every keyword known and every $ref resolvable', () => {
    const schemas = schemaObjectsOf(doc);
    expect(schemas.length).toBeGreaterThan(100);
    const problems: string[] = [];
    for (const { where, schema } of schemas) {
      if (!ajv.validateSchema(schema)) problems.push(`${where}: ${ajv.errorsText(ajv.errors)}`);
      problems.push(...jsonSchemaKeywordProblems(schema).map((problem) => `${where}: ${problem}`));
      try {
        ajv.compile({ $ref: `${DOC_ID}#${where}` });
      } catch (error) {
        problems.push(`${where}: ${(error as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
    expect(jsonSchemaKeywordProblems({ type: 'object', properties: { a: { type: 'string', minLenght: 1 } } })).toEqual(['unknown keyword minLenght']);
  });

  it('declares every path template parameter, and names every operation once', () => {
    const ids: string[] = [];
    for (const [path, item] of Object.entries<Json>(doc.paths)) {
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const method of METHODS.filter((m) => item[m])) {
        const declared = [...(item.parameters ?? []), ...(item[method].parameters ?? [])]
          .map((p: Json) => (p.$ref ? doc.components.parameters[p.$ref.split('/').pop()] : p))
          .filter((p: Json) => p.in === 'path')
          .map((p: Json) => p.name);
        expect({ path, method, declared: declared.sort() }).toEqual({ path, method, declared: [...templated].sort() });
        expect(Object.keys(item[method].responses).length).toBeGreaterThan(0);
        ids.push(item[method].operationId);
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('the route table and the document', () => {
  const tableOperations = allowedMethods
    .filter(([path]) => path.startsWith('/api/v1'))
    .flatMap(([path, methods]) => methods.map((method) => `${method} ${toTemplate(path)}`));

  it('documents every /api/v1 route and method in functions/api/route-table.ts', () => {
    const undocumented = tableOperations.filter((operation) => {
      const [method, path] = operation.split(' ');
      return !doc.paths[path]?.[method.toLowerCase()];
    });
    expect(undocumented).toEqual([]);
  });

  it('documents no /api/v1 route or method that the table does not have', () => {
    const documented = Object.entries<Json>(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1'))
      .flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`));
    const extra = documented.filter((operation) => !tableOperations.includes(operation));
    expect(extra).toEqual([]);
  });

  it('finds every documented route served by the exchange (not the unknown-route 404, not 405)', async () => {
    const unserved: string[] = [];
    for (const [path, item] of Object.entries<Json>(doc.paths)) {
      for (const method of METHODS.filter((m) => item[m])) {
        const concrete = path.replace(/\{version\}/g, '1').replace(/\{[^}]+\}/g, 'probe-placeholder');
        const response = await t.request(method.toUpperCase(), concrete);
        const unknownRoute = response.status === 405 || (response.status === 404 && /page or API route/.test(response.text));
        if (unknownRoute) unserved.push(`${method.toUpperCase()} ${path} -> ${response.status}`);
      }
    }
    expect(unserved).toEqual([]);
  });
});
