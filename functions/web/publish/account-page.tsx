import type { TokenSummary } from '../../domain/access-tokens';
import type { Membership } from '../../identity/memberships';
import type { Invitation } from '../../identity/invitations';
import { CsrfField, ErrorSummary, formatDate, formatDateTime, Select, SummaryList, TextInput } from '../components';
import { DataTable } from '../data-table';
import { Layout } from '../layout';
import { type PageContext, seg } from '../page-context';
import { tokenName } from './tokens-page';

interface AccountProps {
  page: PageContext;
  label: string;
  memberships: Membership[];
  actingFor?: string;
  tokens: TokenSummary[];
  issued?: TokenSummary & { token: string };
  message?: string;
}

/**
 * A signed-in person's own page: who they are, the organisation they act for (and the choice
 * when they belong to several), their personal tokens, and how to get access when they have none.
 */
export const AccountPage = ({ page, label, memberships, actingFor, tokens, issued, message }: AccountProps) => {
  const acting = memberships.find((m) => m.organisation === actingFor);
  return (
    <Layout page={page} title="Your account">
      <h1>Your account</h1>
      <ErrorSummary problems={[]} message={message} />
      <SummaryList
        rows={[
          ['Signed in as', label],
          ['Acting for', acting ? `${acting.organisation} (${acting.role})` : 'No organisation'],
        ]}
      />
      {memberships.length === 0 ? (
        <p>
          You are signed in, but you are not a member of any organisation on the exchange yet. Ask your organisation's data team (an administrator of your
          organisation here) to invite you by email, then open the link in the invitation.
        </p>
      ) : null}
      {memberships.length > 1 ? (
        <form method="post" action={page.urls.page('/publish/account/acting-for')}>
          <CsrfField token={page.session.csrf} />
          <Select
            name="organisation"
            label="Act for"
            hint="Everything you do is recorded as done by you for this organisation."
            options={memberships.map((m) => [m.organisation, `${m.organisation} (${m.role})`])}
            value={actingFor}
          />
          <button type="submit" class="button">
            Switch organisation
          </button>
        </form>
      ) : null}
      {issued ? (
        <div class="notice notice--success" role="status">
          <p>
            Your personal token <strong>{tokenName(issued)}</strong> was created. Copy it now: it is not shown again.
          </p>
          <pre>{issued.token}</pre>
        </div>
      ) : null}
      {acting ? (
        <section aria-labelledby="personal-tokens">
          <h2 id="personal-tokens">Your personal tokens</h2>
          <p>
            A personal token lets your scripts use the API as you, for {acting.organisation}. It never has more than your role, and it stops working when you
            leave the organisation.
          </p>
          {tokens.length === 0 ? <p>None yet.</p> : null}
          {tokens.length > 0 ? (
            <DataTable label="Your personal tokens" columns={['Token', 'Role', 'Created', 'Last used', 'Expires', 'Status', 'Action']}>
              {tokens.map((t) => (
                <tr>
                  <td>{tokenName(t)}</td>
                  <td>{t.role}</td>
                  <td>{formatDate(t.created)}</td>
                  <td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Never'}</td>
                  <td>{formatDate(t.expiresAt)}</td>
                  <td>{t.status}</td>
                  <td>
                    {t.status === 'active' ? (
                      <form method="post" action={page.urls.page(`/publish/account/tokens/${seg(t.tokenId)}/revoke`)}>
                        <CsrfField token={page.session.csrf} />
                        <button type="submit" class="button button--secondary">
                          Revoke <span class="visually-hidden">{tokenName(t)}</span>
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </DataTable>
          ) : null}
          <form method="post" action={page.urls.page('/publish/account/tokens')}>
            <CsrfField token={page.session.csrf} />
            <TextInput name="label" label="Name" hint="What the token is for, e.g. ‘nightly upload script’" />
            <button type="submit" class="button">
              Create a personal token
            </button>
          </form>
        </section>
      ) : null}
      <form method="post" action={page.urls.page('/publish/sign-out')}>
        <CsrfField token={page.session.csrf} />
        <button type="submit" class="button button--secondary">
          Sign out
        </button>
      </form>
    </Layout>
  );
};

/** An invitation, before it is accepted. */
export const InvitationPage = ({ page, invitation, code, signedIn }: { page: PageContext; invitation: Invitation; code: string; signedIn: boolean }) => (
  <Layout page={page} title="Invitation">
    <h1>{`Join ${invitation.organisation}`}</h1>
    <p>{`You are invited to join ${invitation.organisation} as ${invitation.role === 'admin' ? 'an' : 'a'} ${invitation.role}, as ${invitation.email}. The invitation expires on ${formatDate(invitation.expiresAt)}.`}</p>
    {signedIn ? (
      <form method="post" action={page.urls.page(`/publish/invitations/${seg(code)}`)}>
        <CsrfField token={page.session.csrf} />
        <button type="submit" class="button">
          Accept the invitation
        </button>
      </form>
    ) : (
      <p>
        <a href={page.urls.page('/publish/sign-in')}>Sign in with your organisation</a> as {invitation.email}, then open this link again.
      </p>
    )}
  </Layout>
);
