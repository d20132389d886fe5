import { roles } from '../../domain/caller';
import type { FieldProblem } from '../../domain/errors';
import type { Invitation } from '../../identity/invitations';
import type { Membership } from '../../identity/memberships';
import { CsrfField, ErrorSummary, formatDate, problemFor, Select, TextInput } from '../components';
import { DataTable } from '../data-table';
import { Layout } from '../layout';
import { type PageContext, seg } from '../page-context';

const ROLE_OPTIONS: Array<[string, string]> = roles.map((role) => [role, role]);

interface MembersProps {
  page: PageContext;
  organisationName: string;
  members: Membership[];
  invitations: Invitation[];
  /** The link of an invitation just made: shown once, to pass on (the exchange sends no mail). */
  invitationLink?: string;
  problems?: FieldProblem[];
  message?: string;
  values?: { email: string; role: string };
}

/** An organisation's people, for its admins: members with their roles, open invitations, and inviting someone. */
export const MembersPage = ({ page, organisationName, members, invitations, invitationLink, problems = [], message, values }: MembersProps) => (
  <Layout page={page} title={problems.length > 0 || message ? 'Error: People' : 'People'}>
    <h1>{`People in ${organisationName}`}</h1>
    <ErrorSummary problems={problems} message={message} />
    {invitationLink ? (
      <div class="notice notice--success" role="status">
        <p>Invitation made. Send this link to the person: it works once, for their email address, for 7 days. It is not shown again.</p>
        <pre>{invitationLink}</pre>
      </div>
    ) : null}
    <p>
      Members sign in with their own organisation account. Viewers read your organisation’s private and shared data, editors also publish, admins also manage
      people, tokens, sharing and tiers. A change applies from the member’s next request; removing someone ends their sessions and personal tokens at once.
    </p>
    {members.length > 0 ? (
      <DataTable label="Members" columns={['Person', 'Role', 'Joined', 'Change role', 'Remove']}>
        {members.map((m) => (
          <tr>
            <td>{m.label}</td>
            <td>{m.role}</td>
            <td>{`${formatDate(m.created)} (${m.via})`}</td>
            <td>
              <form method="post" action={page.urls.page(`/publish/members/${seg(m.personId)}/role`)}>
                <CsrfField token={page.session.csrf} />
                <label class="visually-hidden" for={`role-${m.personId}`}>{`Role of ${m.label}`}</label>
                <select id={`role-${m.personId}`} name="role">
                  {ROLE_OPTIONS.map(([value, label]) => (
                    <option value={value} selected={value === m.role}>
                      {label}
                    </option>
                  ))}
                </select>{' '}
                <button type="submit" class="button button--secondary">
                  Change<span class="visually-hidden">{` the role of ${m.label}`}</span>
                </button>
              </form>
            </td>
            <td>
              <form method="post" action={page.urls.page(`/publish/members/${seg(m.personId)}/remove`)}>
                <CsrfField token={page.session.csrf} />
                <button type="submit" class="button button--secondary">
                  Remove<span class="visually-hidden">{` ${m.label}`}</span>
                </button>
              </form>
            </td>
          </tr>
        ))}
      </DataTable>
    ) : (
      <p>No one has joined yet.</p>
    )}
    {invitations.length > 0 ? (
      <DataTable label="Open invitations" columns={['Email', 'Role', 'Expires']}>
        {invitations.map((i) => (
          <tr>
            <td>{i.email}</td>
            <td>{i.role}</td>
            <td>{formatDate(i.expiresAt)}</td>
          </tr>
        ))}
      </DataTable>
    ) : null}
    <h2>Invite someone</h2>
    <form method="post" action={page.urls.page('/publish/members')} novalidate>
      <CsrfField token={page.session.csrf} />
      <TextInput name="email" label="Email address" type="email" value={values?.email} error={problemFor(problems, 'email')} />
      <Select name="role" label="Role" options={ROLE_OPTIONS} value={values?.role ?? 'viewer'} error={problemFor(problems, 'role')} />
      <button type="submit" class="button">
        Make an invitation link
      </button>
    </form>
  </Layout>
);
