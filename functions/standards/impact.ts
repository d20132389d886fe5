/**
 * Runs a proposed schema version against every dataset that declares the schema: each resource's
 * current version is validated again, from its original bytes, exactly as an upload would be.
 */
import type { DomainContext } from '../domain/context';
import { DATASETS, type Dataset } from '../domain/datasets';
import { listResources, type Resource } from '../domain/resources';
import { findVersion } from '../domain/versions';
import type { DataSchema } from '../ingest/core/data-schemas';
import { listAll } from '../storage/catalogue-store';
import type { ImpactEntry, ImpactReport } from './version-records';
import { ingestCore } from './ingest-core';

/** Problems kept per resource: enough to show where it fails, not the whole report. */
const ERRORS_KEPT = 10;

export const checkImpact = async (ctx: DomainContext, schemaId: string, candidate: DataSchema): Promise<ImpactReport> => {
  const datasets = await listAll<Dataset>(ctx.catalogue, DATASETS);
  const entries: ImpactEntry[] = [];
  for (const { value: dataset } of datasets) {
    if (dataset.deletedAt) continue;
    for (const { value: resource } of await listResources(ctx, dataset)) {
      if ((resource.dataSchema ?? dataset.dataSchema) !== schemaId) continue;
      const base = { datasetId: dataset.id, dataset: dataset.name, organisation: dataset.organisation, resource: resource.name };
      entries.push(await checkResource(ctx, base, resource, candidate));
    }
  }
  return { checkedAt: ctx.now().toISOString(), datasets: entries };
};

const checkResource = async (
  ctx: DomainContext,
  base: Pick<ImpactEntry, 'datasetId' | 'dataset' | 'organisation' | 'resource'>,
  resource: Resource,
  candidate: DataSchema,
): Promise<ImpactEntry> => {
  const noData: ImpactEntry = { ...base, outcome: 'no-data' };
  const versionNumber = resource.current?.version;
  if (versionNumber === undefined) return noData;
  const version = await findVersion(ctx, resource, versionNumber);
  const original = version?.value.objects?.original;
  if (!original) return noData;
  const source = await ctx.objects.get({ bucket: 'published', key: original.key });
  if (!source) return noData;
  const { report } = await ingestCore().validateUpload({ source, filename: version.value.filename, declaredFormat: resource.format, dataSchema: candidate });
  if (report.valid) return { ...base, version: versionNumber, outcome: 'conforms' };
  return {
    ...base,
    version: versionNumber,
    outcome: 'fails',
    errorCount: report.errorCount,
    errors: report.errors.slice(0, ERRORS_KEPT).map((error) => ({
      code: error.code,
      ...(error.field ? { field: error.field } : {}),
      ...(error.row !== null && error.row !== undefined ? { row: error.row } : {}),
      message: error.message,
    })),
  };
};
