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

/** Files the exchange writes itself: always UTF-8 text. */
const NORMALISED_TEXT = new Set<DownloadFormat>(['csv', 'json', 'ndjson']);
/** The detected encodings, as IANA charset names (a BOM-marked UTF-8 file is UTF-8). */
const CHARSETS = new Map([
  ['utf-8', 'utf-8'],
  ['utf-8-bom', 'utf-8'],
  ['utf-16le', 'utf-16le'],
  ['utf-16be', 'utf-16be'],
  ['windows-1252', 'windows-1252'],
]);
const isText = (mediaType: string) => /^(text\/|application\/([\w.-]+\+)?json\b|application\/x-ndjson\b)/i.test(mediaType);

/**
 * The Content-Type a download is served with: text declares its charset, so a client never has to
 * guess (pandas, a browser). The normalised files are UTF-8; an original text file carries the
 * encoding ingest detected, unless the publisher's upload declared one.
 */
export const downloadMediaType = (format: DownloadFormat, mediaType: string, version: ResourceVersion): string => {
  if (!isText(mediaType) || /;\s*charset=/i.test(mediaType)) return mediaType;
  const charset = NORMALISED_TEXT.has(format) ? 'utf-8' : CHARSETS.get(version.detected?.encoding ?? '');
  return charset ? `${mediaType}; charset=${charset}` : mediaType;
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
  const url = await ctx.objects.presignGet(
    { bucket: 'published', key: file.key },
    {
      expiresIn,
      filename,
      contentType: downloadMediaType(options.format, file.mediaType, version.value),
    },
  );
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
