/**
 * Who publishes data to a standard across London: for each organisation (every borough listed,
 * publishing or not), its datasets that declare the standard, whether their current data conforms,
 * and whether it is overdue against the frequency the standard expects. Built from the datasets
 * the caller may see (the search index, through the policy): a private dataset counts only for
 * its publisher.
 */
import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { listDatasets, MAX_PAGE_SIZE } from '../domain/dataset-listing';
import type { Dataset } from '../domain/datasets';
import { listOrganisations, type Organisation } from '../domain/organisations';
import { listResources } from '../domain/resources';
import { expectedFrequency, isOverdue } from './expected-frequency';
import { standardSummary } from './standard-summary';

/**
 * `conforms`: its current data passed the standard when it was published (data that fails is
 * never published; a harvested dataset's files copied in by a mirror-mode source count too);
 * `unverified`: harvested with no file copied and published (link mode: the files stay at the source unchecked);
 * `no-data`: declared, nothing published yet.
 */
export type ConformanceStatus = 'conforms' | 'unverified' | 'no-data';

export interface DatasetConformance {
  name: string;
  title: string;
  status: ConformanceStatus;
  lastUpdated?: string;
  overdue: boolean;
}

export interface OrganisationConformance {
  organisation: string;
  name: string;
  type: string;
  gssCode?: string;
  publishes: boolean;
  conforms: boolean;
  overdue: boolean;
  datasets: DatasetConformance[];
}

export interface ConformanceView {
  schema: string;
  title: string;
  expectedFrequency?: { every: string; rule: string };
  summary: { boroughs: number; boroughsPublishing: number; boroughsConforming: number; boroughsOverdue: number; organisationsPublishing: number };
  organisations: OrganisationConformance[];
}

export const conformanceView = async (ctx: DomainContext, caller: Caller, schemaId: string): Promise<ConformanceView> => {
  const schema = standardSummary(schemaId);
  const declaring = await declaringDatasets(ctx, caller, schemaId);
  const byOrganisation = new Map<string, DatasetConformance[]>();
  for (const dataset of declaring) {
    const entries = byOrganisation.get(dataset.organisation) ?? [];
    entries.push(await datasetConformance(ctx, schemaId, dataset));
    byOrganisation.set(dataset.organisation, entries);
  }
  const organisations = (await listOrganisations(ctx))
    .map(({ value }) => organisationConformance(value, byOrganisation.get(value.id) ?? []))
    .filter((entry) => entry.type === 'borough' || entry.publishes)
    .sort((a, b) => a.name.localeCompare(b.name));
  const boroughs = organisations.filter((entry) => entry.type === 'borough');
  return {
    schema: schemaId,
    title: schema.title,
    ...(expectedFrequency(schemaId) ? { expectedFrequency: expectedFrequency(schemaId) } : {}),
    summary: {
      boroughs: boroughs.length,
      boroughsPublishing: boroughs.filter((entry) => entry.publishes).length,
      boroughsConforming: boroughs.filter((entry) => entry.conforms).length,
      boroughsOverdue: boroughs.filter((entry) => entry.overdue).length,
      organisationsPublishing: organisations.filter((entry) => entry.publishes).length,
    },
    organisations,
  };
};

const declaringDatasets = async (ctx: DomainContext, caller: Caller, schemaId: string): Promise<Dataset[]> => {
  const found: Dataset[] = [];
  let cursor: string | undefined;
  do {
    const page = await listDatasets(ctx, caller, { schema: [schemaId], limit: MAX_PAGE_SIZE, cursor });
    found.push(...page.results.map(({ value }) => value));
    cursor = page.next;
  } while (cursor);
  return found;
};

const datasetConformance = async (ctx: DomainContext, schemaId: string, dataset: Dataset): Promise<DatasetConformance> => {
  const base = { name: dataset.name, title: dataset.title };
  const declared = (await listResources(ctx, dataset)).map(({ value }) => value).filter((r) => (r.dataSchema ?? dataset.dataSchema) === schemaId);
  // A harvested dataset's files were checked only when a mirror-mode source copied them in (functions/harvest/mirror-files.ts).
  const resources = dataset.provenance ? declared.filter((r) => r.mirroredFrom) : declared;
  const published = resources.map((r) => r.current?.publishedAt).filter((at): at is string => at !== undefined);
  if (dataset.provenance && published.length === 0) {
    const lastUpdated = dataset.provenance.lastChangedAtSource ?? dataset.modified;
    return { ...base, status: 'unverified', lastUpdated, overdue: isOverdue(schemaId, lastUpdated, ctx.now()) };
  }
  if (published.length === 0) return { ...base, status: 'no-data', overdue: false };
  const lastUpdated = published.sort().at(-1);
  return { ...base, status: 'conforms', lastUpdated, overdue: isOverdue(schemaId, lastUpdated, ctx.now()) };
};

const organisationConformance = (organisation: Organisation, datasets: DatasetConformance[]): OrganisationConformance => {
  const withData = datasets.filter((d) => d.status !== 'no-data');
  const conforming = datasets.filter((d) => d.status === 'conforms');
  return {
    organisation: organisation.id,
    name: organisation.name,
    type: organisation.type,
    ...(organisation.gssCode ? { gssCode: organisation.gssCode } : {}),
    publishes: withData.length > 0,
    conforms: conforming.length > 0,
    // Overdue when nothing it publishes to the standard is up to date.
    overdue: withData.length > 0 && withData.every((d) => d.overdue),
    datasets,
  };
};
