import type { Urls } from '../../api/http/urls';
import type { Dataset } from '../../domain/datasets';
import type { Resource } from '../../domain/resources';
import { ScrollTable } from '../components';
import { ProfileFigure } from '../data/charts';
import { cellFormat } from '../data/column-display';
import { ColumnHeading } from '../data/column-heading';
import type { ColumnProfile } from '../data/column-profile';
import type { DataSample, VersionPreview } from '../data/data-sample';
import { FragmentCache } from '../html-fragment';

export const PREVIEW_ROWS = 10;

export const PreviewTable = ({ resource, sample }: { resource: Resource; sample: DataSample }) => {
  const rows = sample.rows.slice(0, PREVIEW_ROWS);
  const formats = sample.fields.map((f) => cellFormat(f, rows));
  return (
    <ScrollTable label={`Preview of ${resource.title ?? resource.name}`}>
      <table id="preview-table">
        <caption>{`First ${rows.length} of ${sample.rowCount.toLocaleString('en-GB')} rows of ${resource.title ?? resource.name} (version ${sample.version})`}</caption>
        <thead>
          <tr>
            {sample.fields.map((f, i) => (
              <th scope="col" class={formats[i].numeric ? 'num' : undefined}>
                <ColumnHeading name={f.name} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              {sample.fields.map((f, i) => (
                <td class={formats[i].numeric ? 'num' : undefined}>{formats[i].format(row[f.name])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
};

/** Profiles shown before the rest are folded away: a wide file's page stays short. */
export const PROFILES_OPEN = 4;

export const ColumnProfiles = ({ profiles, sample }: { profiles: ColumnProfile[]; sample: DataSample }) => (
  <>
    <p class="secondary">
      {`Computed from the first ${sample.rows.length.toLocaleString('en-GB')} rows`}
      {sample.fields.length > profiles.length ? `; the first ${profiles.length} of ${sample.fields.length} columns are shown` : ''}.
    </p>
    <div class="profile">
      {profiles.slice(0, PROFILES_OPEN).map((profile) => (
        <ProfileFigure profile={profile} />
      ))}
    </div>
    {profiles.length > PROFILES_OPEN ? (
      <details class="profile-more" id="profile-more">
        <summary>{`Show the profiles of ${profiles.length - PROFILES_OPEN} more columns`}</summary>
        <div class="profile">
          {profiles.slice(PROFILES_OPEN).map((profile) => (
            <ProfileFigure profile={profile} />
          ))}
        </div>
      </details>
    ) : null}
  </>
);

/**
 * The preview table and the column profiles drawn once per version and resource title (a
 * version never changes; the title is the one thing in them that can): the HTML lives as long
 * as the cached preview it was drawn from.
 */
const drawn = new FragmentCache<VersionPreview>();

export const PreviewAndProfiles = ({ resource, preview }: { resource: Resource; preview: VersionPreview }) =>
  drawn.embed(preview, `${resource.name}\n${resource.title ?? ''}`, () => (
    <>
      <PreviewTable resource={resource} sample={preview.sample} />
      <h2 id="profile">Column profile</h2>
      <ColumnProfiles profiles={preview.profiles} sample={preview.sample} />
    </>
  ));

interface SnippetProps {
  urls: Urls;
  dataset: Dataset;
  resource: Resource;
}

const Snippet = ({ id, title, code }: { id: string; title: string; code: string }) => (
  <div class="snippet">
    <div class="snippet__head">
      <h3 id={`${id}-title`}>{title}</h3>
      <button type="button" class="button button--secondary" data-copy={id} hidden>
        Copy<span class="visually-hidden">{` the ${title} example`}</span>
      </button>
    </div>
    <pre aria-labelledby={`${id}-title`} tabindex={0}>
      <code id={id}>{code}</code>
    </pre>
    <p class="small secondary" id={`${id}-copied`} aria-live="polite"></p>
  </div>
);

/** Copy-ready examples for the API, with the real URLs of this resource. */
export const ApiSnippets = ({ urls, dataset, resource }: SnippetProps) => {
  const base = urls.resource(dataset.name, resource.name);
  const csv = `${base}/download?format=csv`;
  const rows = `${base}/rows?limit=10`;
  const needsToken = dataset.tier !== 'open';
  const curlAuth = needsToken ? ' -H "Authorization: Bearer $LDX_TOKEN"' : '';
  const pyHeaders = needsToken ? ', headers={"Authorization": "Bearer " + os.environ["LDX_TOKEN"]}' : '';
  const jsHeaders = needsToken ? ', { headers: { Authorization: `Bearer ${process.env.LDX_TOKEN}` } }' : '';
  const curl = `# Download the CSV (the exchange answers with a short-lived link)\ncurl -L${curlAuth} -o ${resource.name}.csv "${csv}"\n\n# Query rows as JSON\ncurl${curlAuth} "${rows}"`;
  const python = `${needsToken ? 'import os\n' : ''}import requests\n\nresponse = requests.get("${rows}"${pyHeaders})\nresponse.raise_for_status()\nfor record in response.json()["records"]:\n    print(record)\n\n# Or load the whole file with pandas\nimport pandas as pd\n${needsToken ? `csv = requests.get("${csv}"${pyHeaders})\nopen("${resource.name}.csv", "wb").write(csv.content)\ndf = pd.read_csv("${resource.name}.csv")` : `df = pd.read_csv("${csv}")`}`;
  const javascript = `const response = await fetch("${rows}"${jsHeaders});\nif (!response.ok) throw new Error(\`HTTP \${response.status}\`);\nconst { records } = await response.json();\nconsole.table(records);`;
  return (
    <>
      {needsToken ? <p>These examples need an organisation token with access, in the environment variable LDX_TOKEN.</p> : null}
      <Snippet id="snippet-curl" title="curl" code={curl} />
      <Snippet id="snippet-python" title="Python" code={python} />
      <Snippet id="snippet-javascript" title="JavaScript" code={javascript} />
    </>
  );
};
