import { auditsDataReads, recordAudit } from './audit';
import { type Caller } from './caller';
import type { DomainContext } from './context';
import { linkLifetime, readableVersion } from './data-access';
import { notFound, validationFailed } from './errors';
import { type DownloadFormat, downloadFormats, type ResourceVersion } from './versions';
import { processingFailureReport } from '../ingest/core/report';

/** Download links live for five minutes (less if the caller's grant ends sooner). */
export const DOWNLOAD_URL_SECONDS = 300;

export const parseFormat = (raw: string | undefined): DownloadFormat => {
  const format = raw ?? 'original';
  if (!(downloadFormats as readonly string[]).includes(format)) {
    throw validationFailed([{ field: 'format', message: `must be one of: ${downloadFormats.join(', ')}` }]);
  }
  return format as DownloadFormat;
};

/** A short-lived link to one file of a published version; access to shared and private data is audited. */
export const downloadLink = async (
  ctx: DomainContext,
  caller: Caller,
  datasetReference: string,
  resourceReference: string,
  options: { format: DownloadFormat; version?: number; route: string },
): Promise<{ url: string; expiresIn: number; filename: string }> => {
  const { dataset, resourceName, version, permit } = await readableVersion(ctx, caller, datasetReference, resourceReference, options.version);
  const file = version.value.state === 'published' ? version.value.objects?.[options.format] : undefined;
  if (!file) throw notFound(`${options.format} file for this version`);
  const filename = `${resourceName}-v${version.value.version}.${file.extension}`;
  const expiresIn = linkLifetime(ctx, permit, DOWNLOAD_URL_SECONDS);
  const url = await ctx.objects.presignGet({ bucket: 'published', key: file.key }, { expiresIn, filename, contentType: file.mediaType });
  if (auditsDataReads(dataset)) {
    await recordAudit(ctx, caller, dataset, 'data.download', options.route, {
      resource: resourceName,
      version: version.value.version,
      format: options.format,
      linkSeconds: expiresIn,
    });
  }
  return { url, expiresIn, filename };
};

/** The full validation report of a version: it quotes cell values, so it is data and audited like data. */
export const readReport = async (
  ctx: DomainContext,
  caller: Caller,
  datasetReference: string,
  resourceReference: string,
  versionNumber: number | undefined,
  route: string,
): Promise<{ version: ResourceVersion; report: unknown }> => {
  const { dataset, resourceName, version } = await readableVersion(ctx, caller, datasetReference, resourceReference, versionNumber);
  const stream = version.value.reportKey ? await ctx.objects.get({ bucket: 'published', key: version.value.reportKey }) : undefined;
  // A version the exchange could not finish has no stored report: its report is the failure (version-outcome.ts).
  const report: unknown = stream
    ? JSON.parse(Buffer.concat(await stream.toArray()).toString('utf8'))
    : version.value.failure
      ? processingFailureReport(version.value.failure)
      : null;
  if (auditsDataReads(dataset)) await recordAudit(ctx, caller, dataset, 'data.report', route, { resource: resourceName, version: version.value.version });
  return { version: version.value, report };
};
