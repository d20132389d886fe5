import type Ajv2020 from 'ajv/dist/2020';
import type { AnySchemaObject, ValidateFunction } from 'ajv/dist/2020';
import airQualityReadings from '../../../schemas/data/air-quality-readings.schema.json';
import boroughIndicators from '../../../schemas/data/borough-indicators.schema.json';
import brownfieldLandRegister from '../../../schemas/data/brownfield-land-register.schema.json';
import evChargePoints from '../../../schemas/data/ev-charge-points.schema.json';
import lodisPublicToilets from '../../../schemas/data/lodis-public-toilets.schema.json';
import orukLocations from '../../../schemas/data/oruk-locations.schema.json';
import orukOrganizations from '../../../schemas/data/oruk-organizations.schema.json';
import orukServiceAtLocation from '../../../schemas/data/oruk-service-at-location.schema.json';
import orukServices from '../../../schemas/data/oruk-services.schema.json';
import planningApplications from '../../../schemas/data/planning-applications.schema.json';
import roadTrafficCollisions from '../../../schemas/data/road-traffic-collisions.schema.json';
import transparencySpendOver500 from '../../../schemas/data/transparency-spend-over-500.schema.json';
import type { FieldType } from './table-schema';

/**
 * `$id`s are `https://data.london.gov.uk/ldx/schemas/data/{id}/{version}`: the GLA, which
 * maintains the common schemas, owns that host; the short id names the kind of row and
 * the semver is part of the identity, so a published version never changes meaning and a
 * new version gets a new `$id`.
 */
export const DATA_SCHEMA_BASE = 'https://data.london.gov.uk/ldx/schemas/data/';

/** Annotation keywords of our own: ajv ignores them when validating, strict mode accepts them. */
const ANNOTATIONS = ['version', 'x-primaryKey', 'x-unique', 'x-missingValues', 'x-foreignKeys'];

// The last seven are generated from published standards by scripts/standards/convert.ts.
const DOCUMENTS: readonly AnySchemaObject[] = [
  evChargePoints,
  airQualityReadings,
  planningApplications,
  roadTrafficCollisions,
  boroughIndicators,
  transparencySpendOver500,
  brownfieldLandRegister,
  lodisPublicToilets,
  orukOrganizations,
  orukServices,
  orukLocations,
  orukServiceAtLocation,
];

/** An upload declares a schema (or a version range of one) the exchange does not have. */
export class UnknownDataSchemaError extends Error {
  constructor(readonly dataSchemaId: string) {
    super(`There is no common data schema "${dataSchemaId}"`);
    this.name = 'UnknownDataSchemaError';
  }
}

export interface DataSchemaField {
  name: string;
  title: string;
  description: string;
  type: FieldType;
  required: boolean;
}

export interface DataSchemaSummary {
  /** Short id, such as `ev-charge-points`. */
  id: string;
  $id: string;
  title: string;
  description: string;
  version: string;
  fields: DataSchemaField[];
}

export interface DataSchema extends DataSchemaSummary {
  document: AnySchemaObject;
  /** Every constraint whose combined values must be unique: the primary key, then x-unique fields. */
  uniqueKeys: string[][];
  primaryKey?: string[];
  missingValues: string[];
  additionalColumns: boolean;
  /** The compiled row validator (compiled on first use, then cached). */
  readonly validate: ValidateFunction;
}

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();
const byKey = new Map<string, DataSchema>();

function validator(): Ajv2020 {
  ajv ??= newValidator();
  return ajv;
}

function newValidator(): Ajv2020 {
  // Required here, not imported: the API lists and describes schemas on most pages without ever
  // validating a row, and loading ajv would lengthen every cold start.
  const { default: Ajv } = require('ajv/dist/2020') as typeof import('ajv/dist/2020');
  const { default: addFormats } = require('ajv-formats') as typeof import('ajv-formats');
  // verbose: errors carry the property's schema, so messages can quote its description.
  const instance = new Ajv({ allErrors: true, strict: true, verbose: true });
  addFormats(instance);
  // Rows reach ajv already cast: every date and date-time value was checked and
  // normalised by cast.ts, so checking the format again would only cost time.
  instance.addFormat('date', true);
  instance.addFormat('date-time', true);
  instance.addVocabulary(ANNOTATIONS);
  return instance;
}

function fieldType(property: AnySchemaObject): FieldType {
  if (property.type === 'string' && property.format === 'date') return 'date';
  if (property.type === 'string' && property.format === 'date-time') return 'datetime';
  const type = property.type as string;
  return type === 'integer' || type === 'number' || type === 'boolean' ? type : 'string';
}

/**
 * A schema from a document that is not one of the registered versions (a proposed or a
 * published later version): compiled by its own validator instance, so that two documents
 * claiming the same `$id` never share a compiled validator.
 */
export function dataSchemaFromDocument(document: AnySchemaObject): DataSchema {
  let isolated: ValidateFunction | undefined;
  return describe(document, () => {
    isolated ??= newValidator().compile(document);
    return isolated;
  });
}

function describe(document: AnySchemaObject, compile?: () => ValidateFunction): DataSchema {
  const $id = document.$id as string;
  const id = $id.slice(DATA_SCHEMA_BASE.length).split('/')[0];
  const required = new Set<string>(document.required ?? []);
  const properties = (document.properties ?? {}) as Record<string, AnySchemaObject>;
  const fields = Object.entries(properties).map(([name, p]) => ({
    name,
    title: p.title as string,
    description: p.description as string,
    type: fieldType(p),
    required: required.has(name),
  }));
  const primaryKey = document['x-primaryKey'] as string[] | undefined;
  const uniqueFields = fields.filter((f) => properties[f.name]['x-unique'] === true).map((f) => [f.name]);
  return {
    id,
    $id,
    title: document.title,
    description: document.description,
    version: document.version,
    fields,
    document,
    primaryKey,
    uniqueKeys: [...(primaryKey ? [primaryKey] : []), ...uniqueFields],
    missingValues: (document['x-missingValues'] as string[] | undefined) ?? [''],
    additionalColumns: document.additionalProperties !== false,
    get validate(): ValidateFunction {
      if (compile) return compile();
      let fn = compiled.get($id);
      if (!fn) {
        fn = validator().compile(document);
        compiled.set($id, fn);
      }
      return fn;
    },
  };
}

function registry(): Map<string, DataSchema> {
  if (byKey.size === 0) {
    for (const document of DOCUMENTS) {
      const schema = describe(document);
      byKey.set(schema.id, schema);
      byKey.set(schema.$id, schema);
    }
  }
  return byKey;
}

/** All common data schemas, without their compiled validators. */
export function listDataSchemas(): DataSchemaSummary[] {
  return [...new Set(registry().values())].map(({ id, $id, title, description, version, fields }) => ({ id, $id, title, description, version, fields }));
}

/** A common data schema by short id (`ev-charge-points`) or full `$id`. */
export function getDataSchema(idOrUri: string): DataSchema | undefined {
  return registry().get(idOrUri);
}
