import { type Caller } from './caller';
import type { DomainContext } from './context';
import { notFound, validationFailed } from './errors';
import { mayReadData } from './policy';
import { getResource } from './resources';
import { type DownloadFormat, downloadFormats, findVersion, type ResourceVersion } from './versions';
import type { StoredRecord } from '../storage/catalogue-store';

/** Download links live for five minutes: long enough to start, short enough not to be passed around. */
export const DOWNLOAD_URL_SECONDS = 300;

/** Organisations holding an unexpired grant on a dataset. Grants are not built yet: none exist. */
const grantedOrganisations = async (): Promise<ReadonlySet<string>> => new Set();

/**
 * A version the caller may read the data of. Shared or private data without the right is a 404,
 * exactly as if the resource had no data.
 */
export const readableVersion = async (
  ctx: DomainContext,
  caller: Caller,
  datasetReference: string,
  resourceReference: string,
  requestedVersion: number | undefined,
): Promise<{ resourceName: string; version: StoredRecord<ResourceVersion> }> => {
  const { dataset, resource } = await getResource(ctx, caller, datasetReference, resourceReference);
  if (!mayReadData(caller, dataset.value, await grantedOrganisations())) throw notFound('data');
  const number = requestedVersion ?? resource.value.current?.version;
  const version = number === undefined ? undefined : await findVersion(ctx, resource.value, number);
  if (!version) throw notFound('version');
  return { resourceName: resource.value.name, version };
};

export const parseFormat = (raw: string | undefined): DownloadFormat => {
  const format = raw ?? 'original';
  if (!(downloadFormats as readonly string[]).includes(format)) {
    throw validationFailed([{ field: 'format', message: `must be one of: ${downloadFormats.join(', ')}` }]);
  }
  return format as DownloadFormat;
};

/** A short-lived link to one file of a published version. */
export const downloadLink = async (
  ctx: DomainContext,
  caller: Caller,
  datasetReference: string,
  resourceReference: string,
  options: { format: DownloadFormat; version?: number },
): Promise<{ url: string; expiresIn: number; filename: string }> => {
  const { resourceName, version } = await readableVersion(ctx, caller, datasetReference, resourceReference, options.version);
  const file = version.value.state === 'published' ? version.value.objects?.[options.format] : undefined;
  if (!file) throw notFound(`${options.format} file for this version`);
  const filename = `${resourceName}-v${version.value.version}.${file.extension}`;
  const url = await ctx.objects.presignGet({ bucket: 'published', key: file.key }, { expiresIn: DOWNLOAD_URL_SECONDS, filename, contentType: file.mediaType });
  return { url, expiresIn: DOWNLOAD_URL_SECONDS, filename };
};
