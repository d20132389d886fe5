import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { beginSignIn, finishSignIn, SignInRefused } from '../../identity/oidc-client';
import { PENDING_SIGN_IN_MS, storePendingSignIn, takePendingSignIn } from '../../identity/pending-sign-ins';
import { signInPerson } from '../../identity/person-sign-in';
import { log } from '../../observability/telemetry';
import { cookieIsSecure, startPersonSession } from '../session';
import type { WebEnv } from '../web-env';
import { signInForm } from './session-routes';

/**
 * Sign-in through an organisation's OpenID provider. The pending sign-in's cookie is
 * SameSite=Lax: the provider sends the browser back with a cross-site top-level GET, on which a
 * Strict cookie would not be sent. For the same reason the callback answers with a page that
 * moves on to /publish itself: the session cookie is Strict, and a redirect chain that began at
 * the provider would not carry it yet.
 */
export const PENDING_COOKIE = 'ldx_oidc';
export const CALLBACK_PATH = '/publish/sign-in/callback';

const pendingCookie = (c: Context<WebEnv>) => ({
  path: '/publish/sign-in',
  httpOnly: true,
  sameSite: 'Lax' as const,
  secure: cookieIsSecure(c),
  maxAge: Math.floor(PENDING_SIGN_IN_MS / 1000),
});

const providerById = (c: Context<WebEnv>, id: string) => (c.var.domain.identityProviders ?? []).find((provider) => provider.id === id);

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** A same-site step to the destination, so the Strict session cookie is sent with it. */
const continueTo = (c: Context<WebEnv>, url: string) => {
  c.header('Cache-Control', 'no-store');
  c.header('Content-Security-Policy', "default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  const href = escapeAttribute(url);
  return c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${href}"><title>Signed in</title></head><body><main><p>You are signed in. <a href="${href}">Continue to the publisher area</a>.</p></main></body></html>`,
  );
};

export const oidcRoutes = new Hono<WebEnv>()
  .get('/publish/sign-in/oidc/:provider', async (c) => {
    const provider = providerById(c, c.req.param('provider'));
    if (!provider) return signInForm(c, undefined, 'That sign-in option is not available.');
    let started: Awaited<ReturnType<typeof beginSignIn>>;
    try {
      started = await beginSignIn(provider, c.var.urls.page(CALLBACK_PATH));
    } catch (error) {
      log().error('identity provider unreachable', { provider: provider.id, error: error instanceof Error ? error.message : String(error) });
      return signInForm(c, undefined, `${provider.name} cannot be reached just now. Try again in a few minutes, or sign in with a token.`);
    }
    const pendingId = await storePendingSignIn(c.var.domain, provider.id, started.checks);
    setCookie(c, PENDING_COOKIE, pendingId, pendingCookie(c));
    c.header('Cache-Control', 'no-store');
    return c.redirect(started.url.href, 303);
  })
  .get(CALLBACK_PATH, async (c) => {
    const pending = await takePendingSignIn(c.var.domain, getCookie(c, PENDING_COOKIE));
    deleteCookie(c, PENDING_COOKIE, pendingCookie(c));
    const provider = pending ? providerById(c, pending.providerId) : undefined;
    if (!pending || !provider) return signInForm(c, undefined, 'That sign-in had expired or was started in another browser. Start again.');
    // The URL the provider sent the browser to, rebuilt on the configured public base (never the Host header).
    const callbackUrl = new URL(c.var.urls.page(CALLBACK_PATH));
    callbackUrl.search = new URL(c.req.url).search;
    try {
      const identity = await finishSignIn(provider, callbackUrl, pending.checks);
      const person = await signInPerson(c.var.domain, provider, identity);
      await startPersonSession(c, person);
      log().info('person signed in', { provider: provider.id, personId: person.personId, organisation: person.organisationId });
    } catch (error) {
      if (!(error instanceof SignInRefused)) throw error;
      log().warn('sign-in refused', { provider: provider.id, reason: error.message });
      return signInForm(c, undefined, `Signing in with ${provider.name} did not complete. Start again; if it keeps failing, tell your organisation's IT team.`);
    }
    return continueTo(c, c.var.urls.page('/publish'));
  });
