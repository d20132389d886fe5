import type { Dataset } from '../../domain/datasets';
import { formatBytes, formatDate, formatDateTime, SummaryList } from '../components';
import { DataTable } from '../data-table';
import type { PageContext } from '../page-context';

/**
 * What a harvested dataset's page adds: where it came from (and the other sources it was also
 * found in), whether its source is overdue, a licence the exchange does not recognise, and its
 * files at the source with what the link checker last found (a dead link said in words, not colour only).
 */

const KINDS = new Map([
  ['ckan', 'CKAN'],
  ['dcat-us', 'DCAT-US data.json'],
  ['dcat-ap', 'DCAT-AP'],
  ['socrata', 'Socrata'],
  ['opendatasoft', 'OpenDataSoft'],
]);

const linkState = (check: NonNullable<NonNullable<Dataset['linkedResources']>[number]['check']>): string =>
  check.ok
    ? `Working (checked ${formatDateTime(check.checkedAt)})`
    : `Dead link: ${check.error ?? `HTTP ${check.status}`} (checked ${formatDateTime(check.checkedAt)})`;

export const HarvestedSection = ({ page, dataset }: { page: PageContext; dataset: Dataset }) => {
  const provenance = dataset.provenance;
  if (!provenance) return null;
  const rows: Array<[string, string | ReturnType<typeof Link>]> = [
    ['Harvested from', `${KINDS.get(provenance.sourceKind) ?? provenance.sourceKind} catalogue`],
    // The record's own address and identifier there, so a reader can find it at the source and cite it.
    ['Record at the source', provenance.recordUrl ? <Link href={provenance.recordUrl} text={provenance.identifier} /> : provenance.identifier],
    ['Last changed at the source', provenance.lastChangedAtSource ? formatDate(provenance.lastChangedAtSource) : 'Not said'],
    ['First harvested', formatDateTime(provenance.firstHarvested)],
    ['Last harvested', formatDateTime(provenance.lastHarvested)],
  ];
  for (const other of provenance.alsoHarvestedFrom ?? []) {
    rows.push([
      'Also listed by',
      other.recordUrl ? <Link href={other.recordUrl} text={`${KINDS.get(other.sourceKind) ?? other.sourceKind} catalogue`} /> : other.identifier,
    ]);
  }
  if (provenance.overdueSince)
    rows.push(['Overdue', `The source has not updated it as often as it says (overdue since ${formatDate(provenance.overdueSince)})`]);
  if (dataset.licence === 'other')
    rows.push(['Licence at the source', `Not one the exchange recognises: ${provenance.licenceAtSource ?? 'none given'}. Check the source's terms.`]);
  if (provenance.withdrawnAt) rows.push(['Withdrawn at source', formatDate(provenance.withdrawnAt)]);
  if (provenance.duplicateOf)
    rows.push(['Same as', <Link href={page.urls.page(`/datasets/${encodeURIComponent(provenance.duplicateOf)}`)} text={provenance.duplicateOf} />]);
  const links = dataset.linkedResources ?? [];
  return (
    <section aria-labelledby="harvested">
      <h2 id="harvested">Where this dataset comes from</h2>
      <SummaryList rows={rows} />
      <h3 id="linked-files">Files at the source</h3>
      {links.length === 0 ? <p>The source lists no files.</p> : null}
      {links.length > 0 ? (
        <DataTable label="Files at the source" columns={['File', 'Format', { label: 'Size', numeric: true }, 'Link']}>
          {links.map((r) => (
            <tr>
              <td>
                <a href={r.url} rel="nofollow noopener">
                  {r.title}
                </a>
              </td>
              <td>{r.format ?? r.check?.contentType ?? '–'}</td>
              <td>{(r.sizeBytes ?? r.check?.sizeBytes) ? formatBytes(r.sizeBytes ?? r.check?.sizeBytes) : '–'}</td>
              <td>{r.check ? <strong class={r.check.ok ? '' : 'tag tag--failed'}>{linkState(r.check)}</strong> : 'Not checked yet'}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </section>
  );
};

/** Under a data file copied in by mirror mode: where it was copied from, and whether the source still lists it. */
export const MirroredFrom = ({ from }: { from: { url: string; withdrawnAt?: string } }) => (
  <p class="secondary">
    Copied from{' '}
    <a href={from.url} rel="nofollow noopener">
      {from.url}
    </a>
    {from.withdrawnAt ? (
      <>
        {' '}
        <strong class="tag tag--failed">No longer listed by the source</strong>
        {` since ${formatDate(from.withdrawnAt)}: this copy is kept, but no longer updated.`}
      </>
    ) : null}
  </p>
);

const Link = ({ href, text }: { href: string; text: string }) => (
  <a href={href} rel="nofollow noopener">
    {text}
  </a>
);
