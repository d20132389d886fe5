import type { AccessRequest } from '../../domain/access-requests';
import type { Dataset } from '../../domain/datasets';
import type { FieldProblem } from '../../domain/errors';
import { type Grant, type GrantStatus, lawfulBases } from '../../domain/grants';
import type { Organisation } from '../../domain/organisations';
import { CsrfField, ErrorSummary, formatDate, problemFor, Select, StatusTag, TextArea, TextInput } from '../components';
import { DataTable } from '../data-table';
import { Layout } from '../layout';
import { type PageContext, seg } from '../page-context';

export interface GrantFormValues {
  organisation: string;
  purpose: string;
  lawfulBasis: string;
  agreementReference: string;
  expiresAt: string;
}

interface SharingProps {
  page: PageContext;
  dataset: Dataset;
  grants: Array<Grant & { status: GrantStatus }>;
  requests: AccessRequest[];
  organisations: Organisation[];
  problems?: FieldProblem[];
  message?: string;
  values?: GrantFormValues;
  notice?: string;
}

const nameIn = (organisations: Organisation[], id: string) => organisations.find((o) => o.id === id)?.name ?? id;

const RequestDecision = ({ page, base, request }: { page: PageContext; base: string; request: AccessRequest }) => (
  <div class="grid grid--two">
    <form method="post" action={page.urls.page(`${base}/access-requests/${seg(request.requestId)}/approve`)}>
      <CsrfField token={page.session.csrf} />
      <div class="form-group">
        <label for={`agreement-${request.requestId}`}>Agreement reference</label>
        <input type="text" id={`agreement-${request.requestId}`} name="agreementReference" />
      </div>
      <button type="submit" class="button">
        Approve<span class="visually-hidden">{` the request from ${request.organisation}`}</span>
      </button>
    </form>
    <form method="post" action={page.urls.page(`${base}/access-requests/${seg(request.requestId)}/decline`)}>
      <CsrfField token={page.session.csrf} />
      <div class="form-group">
        <label for={`reason-${request.requestId}`}>Reason for declining</label>
        <textarea id={`reason-${request.requestId}`} name="reason" rows={2}></textarea>
      </div>
      <button type="submit" class="button button--warning">
        Decline<span class="visually-hidden">{` the request from ${request.organisation}`}</span>
      </button>
    </form>
  </div>
);

export const SharingPage = ({ page, dataset, grants, requests, organisations, problems = [], message, values, notice }: SharingProps) => {
  const base = `/publish/datasets/${seg(dataset.name)}`;
  const pending = requests.filter((r) => r.state === 'pending');
  const others = organisations.filter((o) => o.id !== dataset.organisation);
  const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
  return (
    <Layout page={page} title={problems.length > 0 || message ? `Error: sharing ${dataset.title}` : `Sharing ${dataset.title}`}>
      <p class="secondary">
        <a href={page.urls.page(base)}>{dataset.title}</a>
      </p>
      <h1>{`Sharing ${dataset.title}`}</h1>
      {notice ? (
        <div class="notice notice--success" role="status">
          {notice}
        </div>
      ) : null}
      {dataset.tier !== 'shared' ? (
        <p class="notice">
          {`This dataset is ${dataset.tier}. Grants apply to shared datasets: `}
          <a href={page.urls.page(`${base}/edit`)}>change its tier to shared</a> first.
        </p>
      ) : null}
      <h2>Organisations with access</h2>
      {grants.length === 0 ? <p>No grants yet.</p> : null}
      {grants.length > 0 ? (
        <DataTable label="Grants" id="grants" columns={['Organisation', 'Purpose', 'Agreement', 'Until', 'Status', 'Action']}>
          {grants.map((g) => (
            <tr>
              <td>{nameIn(organisations, g.organisation)}</td>
              <td>{g.purpose}</td>
              <td>{g.agreementReference}</td>
              <td>{formatDate(g.expiresAt)}</td>
              <td>
                <StatusTag status={g.status} />
              </td>
              <td>
                {g.status === 'active' ? (
                  <form method="post" action={page.urls.page(`${base}/grants/${seg(g.organisation)}/revoke`)}>
                    <CsrfField token={page.session.csrf} />
                    <button type="submit" class="button button--warning">
                      Revoke<span class="visually-hidden">{` access for ${nameIn(organisations, g.organisation)}`}</span>
                    </button>
                  </form>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      <h2 id="requests">Access requests</h2>
      {pending.length === 0 ? <p>No requests are waiting.</p> : null}
      {pending.map((r) => (
        <section class="result" aria-label={`Request from ${nameIn(organisations, r.organisation)}`}>
          <h3>{nameIn(organisations, r.organisation)}</h3>
          <p>{`Purpose: ${r.purpose}`}</p>
          <p class="secondary small">{`Lawful basis: ${r.lawfulBasis}. For ${r.requestedDays} days. Asked ${formatDate(r.created)}.`}</p>
          <RequestDecision page={page} base={base} request={r} />
        </section>
      ))}
      {dataset.tier === 'shared' ? (
        <>
          <h2 id="grant">Grant access to an organisation</h2>
          <ErrorSummary problems={problems} message={message} />
          <form method="post" action={page.urls.page(`${base}/grants`)} novalidate>
            <CsrfField token={page.session.csrf} />
            <Select
              name="organisation"
              label="Organisation"
              value={values?.organisation}
              error={problemFor(problems, 'organisation')}
              options={[['', 'Choose an organisation'], ...others.map((o): [string, string] => [o.id, o.name])]}
            />
            <TextArea
              name="purpose"
              label="Purpose"
              value={values?.purpose}
              error={problemFor(problems, 'purpose')}
              hint="What the organisation may use the data for. It appears on the public sharing register."
              rows={3}
            />
            <Select
              name="lawfulBasis"
              label="Lawful basis"
              value={values?.lawfulBasis}
              error={problemFor(problems, 'lawfulBasis')}
              options={lawfulBases.map((b): [string, string] => [b, b])}
            />
            <TextInput
              name="agreementReference"
              label="Agreement reference"
              value={values?.agreementReference}
              error={problemFor(problems, 'agreementReference')}
              hint="The data sharing agreement this grant is made under."
            />
            <TextInput
              name="expiresAt"
              label="Access ends on"
              type="date"
              value={values?.expiresAt ?? inAYear}
              error={problemFor(problems, 'expiresAt')}
              hint="At most two years from today."
            />
            <button type="submit" class="button">
              Grant access
            </button>
          </form>
        </>
      ) : null}
    </Layout>
  );
};
