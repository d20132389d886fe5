import { type Context, Hono } from 'hono';
import { routeName } from '../../api/http/route-name';
import { approveAccessRequest, declineAccessRequest, listAccessRequests, requestAccess } from '../../domain/access-requests';
import { readAuditLog } from '../../domain/audit-log';
import { getDataset } from '../../domain/datasets';
import { createGrant, listGrants, revokeGrant } from '../../domain/grants';
import { listOrganisations } from '../../domain/organisations';
import { labelOf } from '../components';
import { pageContext, seg } from '../page-context';
import { ErrorPage, MessagePage } from '../pages/error';
import { render } from '../render';
import type { WebEnv } from '../web-env';
import { AuditPage } from './audit-page';
import { ownDataset } from './dataset-routes';
import { formFailure, formOf, type FormFailure, type Member, memberOf, noticeFrom, toSignIn } from './publish-support';
import { type GrantFormValues, SharingPage } from './sharing-page';

const sharingPath = (c: Context<WebEnv>, name: string, done: string) => c.var.urls.page(`/publish/datasets/${seg(name)}/sharing?done=${done}`);

const sharingPage = async (c: Context<WebEnv>, member: Member, failure?: FormFailure, values?: GrantFormValues) => {
  const { value: dataset } = await ownDataset(c, member);
  const [grants, requests, organisations] = await Promise.all([
    listGrants(c.var.domain, member, dataset.name),
    listAccessRequests(c.var.domain, member, dataset.name),
    listOrganisations(c.var.domain),
  ]);
  const page = (
    <SharingPage
      page={pageContext(c)}
      dataset={dataset}
      grants={grants}
      requests={requests}
      organisations={organisations.map((o) => o.value).sort((a, b) => a.name.localeCompare(b.name))}
      problems={failure?.problems}
      message={failure?.message}
      values={values}
      notice={noticeFrom(c)}
    />
  );
  return render(c, page, { status: (failure?.status ?? 200) as 200 });
};

/** A refusal as one sentence, for pages that show it above the form rather than beside each field. */
const failureText = (failure: FormFailure): string => failure.message ?? failure.problems.map((p) => `${labelOf(p.field)} ${p.message}`).join('. ');

/** Runs a decision from the sharing page; a refusal is shown on the page, success redirects. */
const decide = async (c: Context<WebEnv>, action: (member: Member, dataset: string) => Promise<unknown>, done: string) => {
  const member = memberOf(c);
  if (!member) return toSignIn(c);
  const { value: dataset } = await ownDataset(c, member);
  try {
    await action(member, dataset.name);
    return c.redirect(sharingPath(c, dataset.name, done), 303);
  } catch (error) {
    const failure = formFailure(c, error);
    const message = failureText(failure);
    return sharingPage(c, member, { status: failure.status, problems: [], message });
  }
};

/** Grants, access requests and the audit log, for the publisher; and access requests from other organisations. */
export const sharingRoutes = new Hono<WebEnv>()
  .get('/publish/datasets/:dataset/sharing', async (c) => {
    const member = memberOf(c);
    return member ? sharingPage(c, member) : toSignIn(c);
  })
  .post('/publish/datasets/:dataset/grants', async (c) => {
    const member = memberOf(c);
    if (!member) return toSignIn(c);
    const { value: dataset } = await ownDataset(c, member);
    const form = formOf(c);
    const values: GrantFormValues = {
      organisation: form.get('organisation') ?? '',
      purpose: (form.get('purpose') ?? '').trim(),
      lawfulBasis: form.get('lawfulBasis') ?? '',
      agreementReference: (form.get('agreementReference') ?? '').trim(),
      expiresAt: (form.get('expiresAt') ?? '').trim(),
    };
    try {
      await createGrant(c.var.domain, member, dataset.name, { ...values }, routeName(c));
      return c.redirect(sharingPath(c, dataset.name, 'granted'), 303);
    } catch (error) {
      return sharingPage(c, member, formFailure(c, error), values);
    }
  })
  .post('/publish/datasets/:dataset/grants/:org/revoke', (c) =>
    decide(c, (member, dataset) => revokeGrant(c.var.domain, member, dataset, c.req.param('org'), routeName(c)), 'revoked'),
  )
  .post('/publish/datasets/:dataset/access-requests/:request/approve', (c) =>
    decide(
      c,
      (member, dataset) =>
        approveAccessRequest(
          c.var.domain,
          member,
          dataset,
          c.req.param('request'),
          { agreementReference: (formOf(c).get('agreementReference') ?? '').trim() },
          routeName(c),
        ),
      'approved',
    ),
  )
  .post('/publish/datasets/:dataset/access-requests/:request/decline', (c) =>
    decide(
      c,
      (member, dataset) =>
        declineAccessRequest(c.var.domain, member, dataset, c.req.param('request'), { reason: (formOf(c).get('reason') ?? '').trim() }, routeName(c)),
      'declined',
    ),
  )
  .post('/publish/datasets/:dataset/access-requests', async (c) => {
    const member = memberOf(c);
    if (!member) return toSignIn(c);
    const form = formOf(c);
    const dataset = await getDataset(c.var.domain, member, c.req.param('dataset'));
    try {
      await requestAccess(c.var.domain, member, dataset.value.name, {
        purpose: (form.get('purpose') ?? '').trim(),
        lawfulBasis: form.get('lawfulBasis') ?? '',
        requestedDays: Number(form.get('requestedDays')),
      });
    } catch (error) {
      const failure = formFailure(c, error);
      const message = failureText(failure);
      return render(c, <ErrorPage page={pageContext(c)} status={failure.status} message={`Your request was not sent. ${message}. Go back to change it.`} />, {
        status: failure.status as 400,
      });
    }
    return render(
      c,
      <MessagePage
        page={pageContext(c)}
        title="Request sent"
        message={`Your request was sent to the publisher of ${dataset.value.title}. You will have access once they approve it.`}
        back={{ href: c.var.urls.datasetPage(dataset.value.name), text: `Back to ${dataset.value.title}` }}
      />,
    );
  })
  .get('/publish/datasets/:dataset/audit', async (c) => {
    const member = memberOf(c);
    if (!member) return toSignIn(c);
    const { value: dataset } = await ownDataset(c, member);
    const log = await readAuditLog(c.var.domain, member, dataset.name, { limit: 100, cursor: c.req.query('cursor') });
    return render(c, <AuditPage page={pageContext(c)} dataset={dataset} entries={log.entries} next={log.next} />);
  });
