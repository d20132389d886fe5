import { Layout } from '../layout';
import type { PageContext } from '../page-context';

const TITLES: Record<number, string> = {
  400: 'There is a problem with the request',
  401: 'Sign in to continue',
  403: 'You cannot do that',
  404: 'Page not found',
  409: 'That could not be done',
  412: 'Someone else changed this first',
  413: 'That is too large',
  415: 'That could not be read',
};

/** The one error page: a 404 for things the visitor may not see looks exactly like one that never existed. */
export const ErrorPage = ({ page, status, message }: { page: PageContext; status: number; message?: string }) => {
  const title = TITLES[status] ?? 'Sorry, there is a problem with the service';
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      {status === 404 ? (
        <>
          <p>
            If you typed the web address, check it is correct. If you followed a link to a dataset, it may have been removed or may not be available to you.
          </p>
          <p>
            <a href={page.urls.page('/datasets')}>Search the datasets</a>
          </p>
        </>
      ) : status >= 500 ? (
        <p>Try again later. The problem has been logged.</p>
      ) : (
        <p>{message}</p>
      )}
    </Layout>
  );
};

/** A plain page with one message and a way back, e.g. after a request was sent. */
export const MessagePage = ({ page, title, message, back }: { page: PageContext; title: string; message: string; back: { href: string; text: string } }) => (
  <Layout page={page} title={title}>
    <h1>{title}</h1>
    <p>{message}</p>
    <p>
      <a href={back.href}>{back.text}</a>
    </p>
  </Layout>
);
