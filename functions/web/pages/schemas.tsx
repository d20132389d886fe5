import type { DataSchemaSummary } from '../../ingest/core/data-schemas';
import { DataTable } from '../data-table';
import { Layout } from '../layout';
import { type PageContext, seg } from '../page-context';

export const SchemasPage = ({ page, schemas }: { page: PageContext; schemas: DataSchemaSummary[] }) => (
  <Layout page={page} title="Common data schemas">
    <h1>Common data schemas</h1>
    <p class="lead">
      A dataset can declare that its rows follow one of these schemas. Every upload is then checked against it, row by row, so data from different publishers
      fits together.
    </p>
    <ul class="list list--bullet">
      {schemas.map((s) => (
        <li>
          <a href={`#schema-${s.id}`}>{s.title}</a>
        </li>
      ))}
    </ul>
    {schemas.map((s) => (
      <section aria-labelledby={`schema-${s.id}`}>
        <h2 id={`schema-${s.id}`}>{s.title}</h2>
        <p>{s.description}</p>
        <p class="secondary small">
          {`Id ${s.id}, version ${s.version}. `}
          <a href={page.urls.page(`/schemas/${seg(s.id)}`)}>{`Who publishes to ${s.title}, and its versions`}</a>
          {'. '}
          <a href={page.urls.api(`/schemas/${seg(s.id)}`)}>{`JSON Schema for ${s.title}`}</a>
        </p>
        <DataTable label={`Fields of ${s.title}`} columns={['Field', 'Type', 'Required', 'Description']}>
          {s.fields.map((f) => (
            <tr>
              <td>
                <code>{f.name}</code>
              </td>
              <td>{f.type}</td>
              <td>{f.required ? 'Yes' : 'No'}</td>
              <td>{f.description}</td>
            </tr>
          ))}
        </DataTable>
      </section>
    ))}
  </Layout>
);
