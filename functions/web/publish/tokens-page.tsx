import type { TokenSummary } from '../../domain/access-tokens';
import { roles } from '../../domain/caller';
import type { FieldProblem } from '../../domain/errors';
import { CsrfField, ErrorSummary, formatDate, formatDateTime, problemFor, Select, StatusTag, SummaryList, TextInput } from '../components';
import { DataTable } from '../data-table';
import { Layout } from '../layout';
import { type PageContext, seg } from '../page-context';

export interface TokenFormValues {
  label: string;
  role: string;
  expiresInDays: string;
}

/** How a token is named on the pages: its label, or its public id when it has none. */
export const tokenName = (token: Pick<TokenSummary, 'label' | 'tokenId'>): string => token.label ?? `Token ${token.tokenId}`;

const ROLE_TEXT = new Map<string, string>([
  ['viewer', 'Viewer: reads the organisation’s private and shared data'],
  ['editor', 'Editor: also publishes datasets'],
  ['admin', 'Admin: also manages tokens, sharing and tiers'],
]);
const ROLE_OPTIONS: Array<[string, string]> = roles.map((role) => [role, ROLE_TEXT.get(role) ?? role]);

interface TokensProps {
  page: PageContext;
  organisationName: string;
  tokens: TokenSummary[];
  problems?: FieldProblem[];
  message?: string;
  values?: TokenFormValues;
  notice?: string;
}

/** The organisation's tokens for its admins: never a secret; revoking goes through a confirmation page. */
export const TokensPage = ({ page, organisationName, tokens, problems = [], message, values, notice }: TokensProps) => (
  <Layout page={page} title={problems.length > 0 || message ? 'Error: API tokens' : 'API tokens'}>
    <h1>{`API tokens for ${organisationName}`}</h1>
    {notice ? (
      <div class="notice notice--success" role="status">
        {notice}
      </div>
    ) : null}
    <p>
      Tokens let scripts use the API and people sign in here. The exchange keeps only a fingerprint of each token, so it can never show one again after it is
      created. Revoke a token as soon as it is no longer needed or may have been seen by someone else.
    </p>
    <h2>Your organisation's tokens</h2>
    {tokens.length === 0 ? <p>None yet.</p> : null}
    {tokens.length > 0 ? (
      <DataTable label="Your organisation's tokens" columns={['Token', 'Role', 'Created', 'Last used', 'Expires', 'Status', 'Action']}>
        {tokens.map((t) => (
          <tr>
            <td>
              {tokenName(t)}
              {t.label ? <span class="secondary small">{` (${t.tokenId})`}</span> : null}
              {t.kind ? (
                <span class="secondary small">{` ${t.kind === 'personal' ? 'personal token of' : 'service token, owner:'} ${t.owner ?? 'unknown'}`}</span>
              ) : null}
            </td>
            <td>{t.readOnly ? `${t.role} (read-only)` : t.role}</td>
            <td>{formatDate(t.created)}</td>
            <td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Never'}</td>
            <td>{formatDate(t.expiresAt)}</td>
            <td>
              <StatusTag status={t.status} />
            </td>
            <td>
              {t.status === 'active' ? (
                <a href={page.urls.page(`/publish/tokens/${seg(t.tokenId)}/revoke`)}>
                  Revoke<span class="visually-hidden">{` ${tokenName(t)}`}</span>
                </a>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
    ) : null}
    <p class="secondary small">“Last used” is recorded to within five minutes.</p>
    <h2 id="create">Create a token</h2>
    <ErrorSummary problems={problems} message={message} />
    <form method="post" action={page.urls.page('/publish/tokens')} novalidate>
      <CsrfField token={page.session.csrf} />
      <TextInput
        name="label"
        label="Label"
        value={values?.label}
        error={problemFor(problems, 'label')}
        hint="What or who will use it, for example “nightly publishing pipeline”."
      />
      <Select name="role" label="Role" value={values?.role ?? 'viewer'} error={problemFor(problems, 'role')} options={ROLE_OPTIONS} />
      <TextInput
        name="expiresInDays"
        label="Days until it expires"
        type="number"
        value={values?.expiresInDays ?? '90'}
        error={problemFor(problems, 'expiresInDays')}
        hint="From 1 to 730."
      />
      <button type="submit" class="button">
        Create token
      </button>
    </form>
  </Layout>
);

/** The one time a token's secret is shown. */
export const IssuedTokenPage = ({ page, token }: { page: PageContext; token: TokenSummary & { token: string } }) => (
  <Layout page={page} title="Your new token" scripts={['copy']}>
    <h1>Your new token</h1>
    <div class="notice" role="status">
      Copy the token now and keep it somewhere safe. It will not be shown again: if it is lost, revoke it and create another.
    </div>
    <div class="snippet">
      <div class="snippet__head">
        <h2 id="new-token-title">{tokenName(token)}</h2>
        <button type="button" class="button button--secondary" data-copy="new-token" hidden>
          Copy<span class="visually-hidden"> the token</span>
        </button>
      </div>
      <pre aria-labelledby="new-token-title" tabindex={0}>
        <code id="new-token">{token.token}</code>
      </pre>
      <p class="small secondary" id="new-token-copied" aria-live="polite"></p>
    </div>
    <SummaryList
      rows={[
        ['Role', token.role],
        ['Expires', formatDate(token.expiresAt)],
        ['Token id', token.tokenId],
      ]}
    />
    <p>
      <a href={page.urls.page('/publish/tokens')}>Back to your tokens</a>
    </p>
  </Layout>
);

/** Revoking cannot be undone, so it is confirmed on a page of its own. */
export const RevokeTokenPage = ({ page, token, ownToken }: { page: PageContext; token: TokenSummary; ownToken: boolean }) => (
  <Layout page={page} title={`Revoke ${tokenName(token)}`}>
    <h1>{`Revoke ${tokenName(token)}?`}</h1>
    <SummaryList
      rows={[
        ['Role', token.role],
        ['Created', formatDate(token.created)],
        ['Last used', token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'],
        ['Token id', token.tokenId],
      ]}
    />
    <p>Anything using this token stops working at once, and everyone signed in with it is signed out. This cannot be undone.</p>
    {ownToken ? <p class="notice">This is the token you signed in with: you will be signed out too.</p> : null}
    <form method="post" action={page.urls.page(`/publish/tokens/${seg(token.tokenId)}/revoke`)}>
      <CsrfField token={page.session.csrf} />
      <button type="submit" class="button button--warning">
        Revoke token
      </button>{' '}
      <a href={page.urls.page('/publish/tokens')}>Cancel</a>
    </form>
  </Layout>
);
