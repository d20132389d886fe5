import type { IdentityProviderConfig } from '../../identity/provider-config';
import { ErrorSummary, TextInput } from '../components';
import { Layout } from '../layout';
import type { PageContext } from '../page-context';

interface SignInProps {
  page: PageContext;
  nonce: string;
  providers: readonly Pick<IdentityProviderConfig, 'id' | 'name'>[];
  /** A problem with the token form. */
  error?: string;
  /** A sign-in through a provider that did not complete. */
  providerError?: string;
}

/**
 * Signing in: through the person's own organisation (OpenID Connect) first; pasting an
 * organisation token stays, below and secondary, for local development and organisations
 * without an identity provider. The page also says how to get access at all.
 */
export const SignInPage = ({ page, nonce, providers, error, providerError }: SignInProps) => (
  <Layout page={page} title="Sign in to publish">
    <h1>Sign in to publish</h1>
    <ErrorSummary problems={error ? [{ field: 'token', message: error }] : []} message={providerError} />
    {providers.length > 0 ? (
      <section aria-labelledby="with-organisation">
        <h2 id="with-organisation">Sign in with your organisation</h2>
        <p>Use the account you use at work. You are sent to your organisation's sign-in page and back here.</p>
        {providers.map((provider) => (
          <p>
            <a class="button" href={page.urls.page(`/publish/sign-in/oidc/${encodeURIComponent(provider.id)}`)}>
              Sign in with {provider.name}
            </a>
          </p>
        ))}
      </section>
    ) : null}
    <section aria-labelledby="get-access">
      <h2 id="get-access">How to get access</h2>
      <p>
        Anyone can search, read and download open data without signing in. To publish, or to read data shared with your organisation, you need to be a member of
        an organisation on the exchange: ask your organisation's data team (an administrator of your organisation here) to invite you by email. The invitation
        link works once, for that email address, and expires after 7 days. Some organisations let everyone with a work email address in as a viewer when they
        first sign in. If your organisation is not on the exchange yet, contact the GLA's London Datastore team.
      </p>
    </section>
    <section aria-labelledby="with-token">
      <h2 id="with-token">{providers.length > 0 ? 'Or sign in with an organisation token' : 'Sign in with an organisation token'}</h2>
      <p>
        For local development and for organisations without an identity provider: an organisation token issued by your organisation's administrator or by the
        GLA. The token itself is not kept in your browser: a secure cookie that scripts cannot read holds only a random session id. You stay signed in for up to
        8 hours, until an hour passes without activity, until you sign out, or until the token is revoked.
      </p>
      <form method="post" action={page.urls.page('/publish/sign-in')} novalidate>
        <input type="hidden" name="csrf" value={nonce} />
        <TextInput name="token" label="Organisation token" type="password" autocomplete="off" hint="It starts with ldx_" error={error} />
        <button type="submit" class={providers.length > 0 ? 'button button--secondary' : 'button'}>
          Sign in
        </button>
      </form>
    </section>
  </Layout>
);
