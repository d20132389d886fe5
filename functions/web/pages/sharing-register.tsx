import type { RegisterEntry } from '../../domain/sharing-register';
import { formatDate, ScrollTable } from '../components';
import { Layout } from '../layout';
import type { PageContext } from '../page-context';

const RegisterTable = ({ page, entries, caption }: { page: PageContext; entries: RegisterEntry[]; caption: string }) => (
  <ScrollTable label={caption}>
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Dataset</th>
          <th scope="col">Publisher</th>
          <th scope="col">Shared with</th>
          <th scope="col">Purpose</th>
          <th scope="col">Lawful basis</th>
          <th scope="col">Agreement</th>
          <th scope="col">From</th>
          <th scope="col">Until</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr>
            <td>
              <a href={page.urls.datasetPage(e.dataset.name)}>{e.dataset.title}</a>
            </td>
            <td>
              <a href={page.urls.organisationPage(e.publisher.id)}>{e.publisher.name}</a>
            </td>
            <td>
              <a href={page.urls.organisationPage(e.recipient.id)}>{e.recipient.name}</a>
            </td>
            <td>{e.purpose}</td>
            <td>{e.lawfulBasis}</td>
            <td>{e.agreementReference}</td>
            <td>{formatDate(e.grantedAt)}</td>
            <td>{e.status === 'revoked' ? `Revoked ${formatDate(e.revokedAt)}` : `${formatDate(e.expiresAt)}${e.status === 'expired' ? ' (expired)' : ''}`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </ScrollTable>
);

export const SharingRegisterPage = ({ page, register }: { page: PageContext; register: { active: RegisterEntry[]; recent: RegisterEntry[] } }) => (
  <Layout page={page} title="Sharing register">
    <h1>Sharing register</h1>
    <p class="lead">
      Which organisations may use which shared datasets, for what purpose, and until when. It is public because trust is the point of the exchange.
    </p>
    {register.active.length === 0 ? (
      <div class="notice" id="register-empty">
        <p>
          <strong>No data is shared under an agreement at the moment.</strong>
        </p>
        <p>
          Most data on the exchange is open: anyone may use it. Some datasets are <strong>shared</strong>: anyone can read their description, but only
          organisations the publisher names may use the data, for a stated purpose and until a stated date. Each such agreement appears here as soon as it is
          made, and stays listed for 90 days after it ends or is revoked.
        </p>
        <p>
          It matters because you can check who holds data about your area, why, and on what lawful basis, without having to ask. The register names
          organisations only, never people.
        </p>
      </div>
    ) : (
      <RegisterTable page={page} entries={register.active} caption={`Agreements in force (${register.active.length})`} />
    )}
    {register.recent.length > 0 ? (
      <RegisterTable page={page} entries={register.recent} caption={`Ended in the last 90 days (${register.recent.length})`} />
    ) : null}
  </Layout>
);
