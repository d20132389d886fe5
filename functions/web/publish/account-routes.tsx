import { type Context, Hono } from 'hono';
import { issuePersonalToken, listPersonalTokens, revokePersonalToken, type TokenSummary } from '../../domain/access-tokens';
import { ExchangeError } from '../../domain/errors';
import { actForOrganisation } from '../../domain/sessions';
import { acceptInvitation, openInvitation } from '../../identity/invitations';
import { membershipsOfPerson } from '../../identity/memberships';
import { getPerson } from '../../identity/people';
import { getCookie } from 'hono/cookie';
import { pageContext } from '../page-context';
import { render } from '../render';
import { SESSION_COOKIE } from '../session';
import type { WebEnv } from '../web-env';
import { AccountPage, InvitationPage } from './account-page';
import { formOf, toSignIn } from './publish-support';

const accountPage = async (c: Context<WebEnv>, extra: { issued?: TokenSummary & { token: string }; message?: string; status?: number } = {}) => {
  const person = c.var.session.person;
  if (!person) return toSignIn(c);
  const memberships = await membershipsOfPerson(c.var.domain, person.personId);
  const tokens = c.var.caller.kind === 'member' ? await listPersonalTokens(c.var.domain, c.var.caller) : [];
  if (extra.issued) c.header('Cache-Control', 'no-store');
  return render(
    c,
    <AccountPage
      page={pageContext(c)}
      label={person.label}
      memberships={memberships}
      actingFor={c.var.caller.kind === 'member' ? c.var.caller.organisationId : undefined}
      tokens={[...tokens].reverse()}
      issued={extra.issued}
      message={extra.message}
    />,
    { status: (extra.status ?? (extra.issued ? 201 : 200)) as 200 },
  );
};

/** A person's own account, the acting-for choice, personal tokens, and accepting an invitation. */
export const accountRoutes = new Hono<WebEnv>()
  .get('/publish/account', (c) => accountPage(c))
  .post('/publish/account/acting-for', async (c) => {
    if (!c.var.session.person) return toSignIn(c);
    await actForOrganisation(c.var.domain, getCookie(c, SESSION_COOKIE) ?? '', formOf(c).get('organisation') ?? '');
    return c.redirect(c.var.urls.page('/publish'), 303);
  })
  .post('/publish/account/tokens', async (c) => {
    const person = c.var.session.person;
    if (!person) return toSignIn(c);
    const label = (formOf(c).get('label') ?? '').trim();
    try {
      const issued = await issuePersonalToken(c.var.domain, c.var.caller, label ? { label } : {}, person.label);
      return accountPage(c, { issued: { ...issued, status: 'active' } });
    } catch (error) {
      if (!(error instanceof ExchangeError) || error.code === 'internal_error' || error.code === 'service_unavailable') throw error;
      return accountPage(c, { message: error.message, status: 400 });
    }
  })
  .post('/publish/account/tokens/:tokenId/revoke', async (c) => {
    if (!c.var.session.person) return toSignIn(c);
    await revokePersonalToken(c.var.domain, c.var.caller, c.req.param('tokenId'));
    return c.redirect(c.var.urls.page('/publish/account'), 303);
  })
  .get('/publish/invitations/:code', async (c) => {
    const code = c.req.param('code');
    const invitation = await openInvitation(c.var.domain, code);
    c.header('Cache-Control', 'no-store');
    return render(c, <InvitationPage page={pageContext(c)} invitation={invitation} code={code} signedIn={Boolean(c.var.session.person)} />);
  })
  .post('/publish/invitations/:code', async (c) => {
    const signedIn = c.var.session.person;
    if (!signedIn) return toSignIn(c);
    const person = await getPerson(c.var.domain, signedIn.personId);
    if (!person) return toSignIn(c);
    const invitation = await acceptInvitation(c.var.domain, c.req.param('code'), person);
    await actForOrganisation(c.var.domain, getCookie(c, SESSION_COOKIE) ?? '', invitation.organisation);
    return c.redirect(c.var.urls.page('/publish'), 303);
  });
