import { type Context, Hono } from 'hono';
import { issueToken, listTokens, revokeToken, type TokenSummary } from '../../domain/access-tokens';
import { notFound } from '../../domain/errors';
import { findOrganisation } from '../../domain/organisations';
import { pageContext } from '../page-context';
import { render } from '../render';
import type { WebEnv } from '../web-env';
import { formFailure, formOf, type FormFailure, type Member, memberOf, toSignIn } from './publish-support';
import { IssuedTokenPage, RevokeTokenPage, type TokenFormValues, TokensPage } from './tokens-page';

/** Notices after a redirect, chosen by a fixed key (never text from the query string). */
const NOTICES = new Map([['revoked', 'The token was revoked. It stops working at once.']]);

const tokensPage = async (c: Context<WebEnv>, member: Member, failure?: FormFailure, values?: TokenFormValues) => {
  const [tokens, organisation] = await Promise.all([
    listTokens(c.var.domain, member, member.organisationId),
    findOrganisation(c.var.domain, member.organisationId),
  ]);
  const page = (
    <TokensPage
      page={pageContext(c)}
      organisationName={organisation?.value.name ?? member.organisationId}
      tokens={[...tokens].reverse()}
      problems={failure?.problems}
      message={failure?.message}
      values={values}
      notice={NOTICES.get(c.req.query('done') ?? '')}
    />
  );
  return render(c, page, { status: (failure?.status ?? 200) as 200 });
};

const findToken = async (c: Context<WebEnv>, member: Member, tokenId: string): Promise<TokenSummary> => {
  const token = (await listTokens(c.var.domain, member, member.organisationId)).find((t) => t.tokenId === tokenId);
  if (!token) throw notFound('token');
  return token;
};

/** The organisation's tokens, for its admins: list, create (the secret shown once) and revoke (confirmed first). */
export const tokenRoutes = new Hono<WebEnv>()
  .get('/publish/tokens', async (c) => {
    const member = memberOf(c);
    return member ? tokensPage(c, member) : toSignIn(c);
  })
  .post('/publish/tokens', async (c) => {
    const member = memberOf(c);
    if (!member) return toSignIn(c);
    const form = formOf(c);
    const values: TokenFormValues = {
      label: (form.get('label') ?? '').trim(),
      role: form.get('role') ?? '',
      expiresInDays: (form.get('expiresInDays') ?? '').trim(),
    };
    try {
      const issued = await issueToken(c.var.domain, member, member.organisationId, {
        role: values.role,
        ...(values.label ? { label: values.label } : {}),
        expiresInDays: /^\d{1,6}$/.test(values.expiresInDays) ? Number(values.expiresInDays) : values.expiresInDays,
      });
      c.header('Cache-Control', 'no-store');
      return render(c, <IssuedTokenPage page={pageContext(c)} token={{ ...issued, status: 'active' }} />, { status: 201 });
    } catch (error) {
      return tokensPage(c, member, formFailure(c, error), values);
    }
  })
  .get('/publish/tokens/:tokenId/revoke', async (c) => {
    const member = memberOf(c);
    if (!member) return toSignIn(c);
    const token = await findToken(c, member, c.req.param('tokenId'));
    if (token.status !== 'active') return c.redirect(c.var.urls.page('/publish/tokens'), 303);
    return render(c, <RevokeTokenPage page={pageContext(c)} token={token} ownToken={token.tokenId === member.tokenId} />);
  })
  .post('/publish/tokens/:tokenId/revoke', async (c) => {
    const member = memberOf(c);
    if (!member) return toSignIn(c);
    await revokeToken(c.var.domain, member, member.organisationId, c.req.param('tokenId'));
    return c.redirect(c.var.urls.page('/publish/tokens?done=revoked'), 303);
  });
