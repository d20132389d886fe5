import type { Context } from 'hono';
import type { AppEnv } from '../../api/env';
import { Layout } from '../layout';
import type { PageContext } from '../page-context';

/**
 * The API reference in the site's own page: its header, navigation and footer around Swagger UI
 * (every file served by the exchange). The reference is under /api, where no session cookie is
 * read, so it shows the site as an anonymous visitor sees it.
 */
const ApiDocsPage = ({ page }: { page: PageContext }) => {
  const asset = (name: string) => page.urls.apiDocs(`/assets/${name}`);
  const openApi = page.urls.api('/openapi.json');
  return (
    <Layout
      page={page}
      title="API reference"
      extraStyles={[asset('swagger-ui.css'), asset('docs.css')]}
      extraScripts={[asset('swagger-ui-bundle.js'), asset('docs-init.js')]}
    >
      <h1>API reference</h1>
      <p class="lead">Everything on the exchange is also an API: search, metadata, downloads, row queries, sharing and publishing.</p>
      <p>
        The reference below is generated from the <a href={openApi}>OpenAPI 3.1 document</a>. Reading open data needs no token. To publish, or to read data
        shared with your organisation, send an organisation token as <code>Authorization: Bearer ldx_…</code>; “Authorize” below sets one for the examples you
        try here.
      </p>
      <h2 class="docs-legend__title">What the padlocks mean</h2>
      <ul class="list list--bullet docs-legend">
        <li>
          <strong>No padlock:</strong> public. Anyone may call it, and a token changes nothing.
        </li>
        <li>
          <strong>Padlock, marked “token optional”:</strong> anyone may call it; with a token it also shows what your organisation may see.
        </li>
        <li>
          <strong>Padlock, marked “token required”:</strong> without a token it answers 401.
        </li>
        <li>The padlock is drawn closed once you have given a token with “Authorize”, and open until then.</li>
      </ul>
      <noscript>
        <p>
          This interactive reference needs JavaScript. The API is described by the <a href={openApi}>OpenAPI document</a>.
        </p>
      </noscript>
      <div id="swagger-ui" class="docs-reference" data-openapi-url={openApi}></div>
    </Layout>
  );
};

export const apiDocsHtml = async (c: Context<AppEnv>): Promise<string> => {
  const page: PageContext = { urls: c.var.urls, caller: c.var.caller, session: { via: 'none' }, path: c.req.path.replace(/\/$/, '') };
  return `<!doctype html>${await (<ApiDocsPage page={page} />).toString()}`;
};
