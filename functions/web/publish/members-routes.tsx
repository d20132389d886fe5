import { type Context, Hono } from 'hono';
import { findOrganisation } from '../../domain/organisations';
import { changeMemberRole, inviteMember, listMembers, removeMember } from '../../identity/members';
import { pageContext } from '../page-context';
import { render } from '../render';
import type { WebEnv } from '../web-env';
import { MembersPage } from './members-page';
import { type FormFailure, formFailure, formOf, type Member, memberOf, toSignIn } from './publish-support';

const membersPage = async (
  c: Context<WebEnv>,
  member: Member,
  extra: { link?: string; failure?: FormFailure; values?: { email: string; role: string } } = {},
) => {
  const [{ members, invitations }, organisation] = await Promise.all([
    listMembers(c.var.domain, member, member.organisationId),
    findOrganisation(c.var.domain, member.organisationId),
  ]);
  if (extra.link) c.header('Cache-Control', 'no-store');
  return render(
    c,
    <MembersPage
      page={pageContext(c)}
      organisationName={organisation?.value.name ?? member.organisationId}
      members={members}
      invitations={invitations}
      invitationLink={extra.link}
      problems={extra.failure?.problems}
      message={extra.failure?.message}
      values={extra.values}
    />,
    { status: (extra.failure?.status ?? (extra.link ? 201 : 200)) as 200 },
  );
};

/** The organisation's people, for its admins (the policy refuses anyone else with 403). */
export const membersRoutes = new Hono<WebEnv>()
  .get('/publish/members', async (c) => {
    const member = memberOf(c);
    return member ? membersPage(c, member) : toSignIn(c);
  })
  .post('/publish/members', async (c) => {
    const member = memberOf(c);
    if (!member) return toSignIn(c);
    const values = { email: (formOf(c).get('email') ?? '').trim(), role: formOf(c).get('role') ?? '' };
    try {
      const { link } = await inviteMember(c.var.domain, member, member.organisationId, values, (code) => c.var.urls.page(`/publish/invitations/${code}`));
      return membersPage(c, member, { link });
    } catch (error) {
      return membersPage(c, member, { failure: formFailure(c, error), values });
    }
  })
  .post('/publish/members/:person/role', async (c) => {
    const member = memberOf(c);
    if (!member) return toSignIn(c);
    try {
      await changeMemberRole(c.var.domain, member, member.organisationId, c.req.param('person'), { role: formOf(c).get('role') ?? '' });
    } catch (error) {
      return membersPage(c, member, { failure: formFailure(c, error) });
    }
    return c.redirect(c.var.urls.page('/publish/members'), 303);
  })
  .post('/publish/members/:person/remove', async (c) => {
    const member = memberOf(c);
    if (!member) return toSignIn(c);
    try {
      await removeMember(c.var.domain, member, member.organisationId, c.req.param('person'));
    } catch (error) {
      return membersPage(c, member, { failure: formFailure(c, error) });
    }
    return c.redirect(c.var.urls.page('/publish/members'), 303);
  });
