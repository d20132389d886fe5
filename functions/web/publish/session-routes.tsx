import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { ExchangeError } from '../../domain/errors';
import { mayCreateDatasetFor } from '../../domain/policy';
import { findOrganisation } from '../../domain/organisations';
import { countUnread } from '../../standards/notifications';
import { searchCatalogue } from '../catalogue-search';
import { newNonce } from '../csrf';
import { SIGN_IN_NONCE_COOKIE } from '../form-guard';
import { pageContext } from '../page-context';
import { render } from '../render';
import { cookieIsSecure, endSession, startSession } from '../session';
import type { WebEnv } from '../web-env';
import { DashboardPage } from './dashboard-page';
import { formOf, memberOf, toSignIn } from './publish-support';
import { SignInPage } from './sign-in-page';

const nonceCookie = { path: '/publish/sign-in', httpOnly: true, sameSite: 'Strict' as const, maxAge: 3600 };

/** The sign-in page; `providerError` is for a provider sign-in that did not complete. */
export const signInForm = (c: Parameters<typeof pageContext>[0], error?: string, providerError?: string) => {
  const nonce = newNonce();
  setCookie(c, SIGN_IN_NONCE_COOKIE, nonce, { ...nonceCookie, secure: cookieIsSecure(c) });
  c.header('Cache-Control', 'no-store');
  const providers = c.var.domain.identityProviders ?? [];
  return render(c, <SignInPage page={pageContext(c)} nonce={nonce} providers={providers} error={error} providerError={providerError} />, {
    status: error || providerError ? 401 : 200,
  });
};

/** Signing in and out, and the publisher's home. */
export const sessionRoutes = new Hono<WebEnv>()
  .get('/publish', async (c) => {
    const member = memberOf(c);
    if (!member) return c.var.session.person ? c.redirect(c.var.urls.page('/publish/account'), 303) : toSignIn(c);
    const organisation = await findOrganisation(c.var.domain, member.organisationId);
    const [listing, unreadNotifications] = await Promise.all([
      searchCatalogue(c.var.domain, member, { organisation: member.organisationId, pageSize: 20, sort: 'modified' }),
      countUnread(c.var.domain, member, member.organisationId),
    ]);
    return render(
      c,
      <DashboardPage
        page={pageContext(c)}
        organisationName={organisation?.value.name ?? member.organisationId}
        datasets={listing.results}
        total={listing.count}
        canCreate={mayCreateDatasetFor(member, member.organisationId)}
        unreadNotifications={unreadNotifications}
      />,
    );
  })
  .get('/publish/sign-in', async (c) => (memberOf(c) || c.var.session.person ? c.redirect(c.var.urls.page('/publish'), 303) : signInForm(c)))
  .post('/publish/sign-in', async (c) => {
    const token = (formOf(c).get('token') ?? '').trim();
    if (!token) return signInForm(c, 'Enter your organisation token');
    try {
      await startSession(c, token);
    } catch (error) {
      if (!(error instanceof ExchangeError)) throw error;
      if (error.code === 'unauthorized') return signInForm(c, 'That token is not valid or has expired');
      if (error.code === 'forbidden') return signInForm(c, 'Sign in with an organisation token; the administrator token is for the API only');
      throw error;
    }
    deleteCookie(c, SIGN_IN_NONCE_COOKIE, { ...nonceCookie, secure: cookieIsSecure(c) });
    return c.redirect(c.var.urls.page('/publish'), 303);
  })
  .post('/publish/sign-out', async (c) => {
    await endSession(c);
    return c.redirect(c.var.urls.page('/'), 303);
  });
