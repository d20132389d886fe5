import type { Child } from 'hono/jsx';
import { html } from 'hono/html';
import { mayManageHarvestSources, mayManageMembers, mayManageTokens } from '../domain/policy';
import { assets } from './assets';
import type { PageContext } from './page-context';

interface LayoutProps {
  page: PageContext;
  title: string;
  children?: Child;
  scripts?: Array<'upload' | 'copy'>;
  /** More stylesheets and scripts of the exchange's own (the API reference's), after the site's. */
  extraStyles?: string[];
  extraScripts?: string[];
}

const NAV: Array<[label: string, path: string]> = [
  ['Datasets', '/datasets'],
  ['Organisations', '/organisations'],
  ['Schemas', '/schemas'],
  ['Sharing register', '/sharing-register'],
  ['API', '/api/docs'],
];

const Navigation = ({ page }: { page: PageContext }) => {
  const signedIn = page.session.via !== 'none' && page.caller.kind === 'member';
  const current = (path: string) => (page.path === path || page.path.startsWith(`${path}/`) ? 'page' : undefined);
  return (
    <nav class="header__nav" aria-label="Main">
      <ul>
        {NAV.map(([label, path]) => (
          <li>
            <a href={page.urls.page(path)} aria-current={current(path)}>
              {label}
            </a>
          </li>
        ))}
        <li>
          <a href={page.urls.page('/publish')} aria-current={current('/publish')}>
            {signedIn ? 'Publish' : 'Sign in to publish'}
          </a>
        </li>
        {signedIn && page.caller.kind === 'member' && mayManageTokens(page.caller, page.caller.organisationId) ? (
          <li>
            <a href={page.urls.page('/publish/tokens')} aria-current={current('/publish/tokens')}>
              Tokens
            </a>
          </li>
        ) : null}
        {signedIn && page.caller.kind === 'member' && mayManageHarvestSources(page.caller, page.caller.organisationId) ? (
          <li>
            <a href={page.urls.page('/publish/harvest')} aria-current={current('/publish/harvest')}>
              Harvesting
            </a>
          </li>
        ) : null}
        {signedIn && page.caller.kind === 'member' && mayManageMembers(page.caller, page.caller.organisationId) ? (
          <li>
            <a href={page.urls.page('/publish/members')} aria-current={current('/publish/members')}>
              People
            </a>
          </li>
        ) : null}
        {page.session.person ? (
          <li>
            <a href={page.urls.page('/publish/account')} aria-current={current('/publish/account')}>
              Account
            </a>
          </li>
        ) : null}
        {signedIn && page.session.via === 'cookie' ? (
          <li>
            <form method="post" action={page.urls.page('/publish/sign-out')}>
              <input type="hidden" name="csrf" value={page.session.csrf} />
              <button type="submit" class="link-button">
                Sign out
              </button>
            </form>
          </li>
        ) : null}
      </ul>
    </nav>
  );
};

/** The page shell: skip link, header, one main landmark, footer. Styles and scripts come from /assets. */
export const Layout = ({ page, title, children, scripts = [], extraStyles = [], extraScripts = [] }: LayoutProps) => (
  <html lang="en-GB">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      {/* The dash as a character reference: one character above U+00FF makes V8 hold the whole page as a
          two-byte string, several times slower to encode to UTF-8 (render.ts). Browsers show the same title. */}
      <title>{html`${title} &#8211; London Data Exchange`}</title>
      <link rel="stylesheet" href={page.urls.page(assets.css.path)} />
      <link rel="icon" type="image/svg+xml" href={page.urls.page(assets.favicon.path)} />
      {extraStyles.map((href) => (
        <link rel="stylesheet" href={href} />
      ))}
    </head>
    <body>
      <a class="skip-link" href="#main-content">
        Skip to main content
      </a>
      <header class="header">
        <div class="header__inner">
          <a class="header__brand" href={page.urls.page('/')}>
            <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
              <circle cx="16" cy="16" r="10" fill="none" stroke="#5694ca" stroke-width="5" />
              <rect x="3" y="13.5" width="26" height="5" fill="#fff" />
            </svg>
            London Data Exchange
          </a>
          <Navigation page={page} />
        </div>
      </header>
      <div class="phase">
        {page.caller.kind === 'member' ? (
          <span>
            Signed in for <strong>{page.caller.organisationId}</strong> ({page.caller.role})
          </span>
        ) : (
          <span>Open data from London's boroughs, Transport for London, the GLA and partners.</span>
        )}
      </div>
      <main class="main" id="main-content" tabindex={-1}>
        {children}
      </main>
      <footer class="footer">
        <div class="footer__inner">
          <ul>
            <li>
              <a href={page.urls.page('/sharing-register')}>Who shares what with whom</a>
            </li>
            <li>
              <a href={page.urls.page('/api/docs')}>API documentation</a>
            </li>
            <li>
              <a href={page.urls.page('/catalog/data.json')}>DCAT catalogue</a>
            </li>
            <li>
              <a href={page.urls.page('/api/3/action/package_list')}>CKAN API</a>
            </li>
          </ul>
          <p>Metadata is published under the Open Government Licence v3.0 unless a dataset says otherwise.</p>
        </div>
      </footer>
      {scripts.map((name) => (
        <script src={page.urls.page(assets[name].path)} defer></script>
      ))}
      {extraScripts.map((src) => (
        <script src={src}></script>
      ))}
    </body>
  </html>
);
