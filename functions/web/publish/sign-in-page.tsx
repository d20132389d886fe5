import { ErrorSummary, TextInput } from '../components';
import { Layout } from '../layout';
import type { PageContext } from '../page-context';

export const SignInPage = ({ page, nonce, error }: { page: PageContext; nonce: string; error?: string }) => (
  <Layout page={page} title="Sign in to publish">
    <h1>Sign in to publish</h1>
    <ErrorSummary problems={error ? [{ field: 'token', message: error }] : []} />
    <p>
      Publishers sign in with an organisation token issued by their organisation's administrator or by the GLA. The token itself is not kept in your browser: a
      secure cookie that scripts cannot read holds only a random session id. You stay signed in for up to 8 hours, until an hour passes without activity, until
      you sign out, or until the token is revoked.
    </p>
    <form method="post" action={page.urls.page('/publish/sign-in')} novalidate>
      <input type="hidden" name="csrf" value={nonce} />
      <TextInput name="token" label="Organisation token" type="password" autocomplete="off" hint="It starts with ldx_" error={error} />
      <button type="submit" class="button">
        Sign in
      </button>
    </form>
  </Layout>
);
