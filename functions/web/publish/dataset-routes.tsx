import { type Context, Hono } from 'hono';
import { routeName } from '../../api/http/route-name';
import { isMemberOf } from '../../domain/caller';
import { createDataset, type Dataset, getDataset, updateDataset } from '../../domain/datasets';
import { readReport } from '../../domain/downloads';
import { notFound } from '../../domain/errors';
import { mayEditDataset, mayGovernDataset } from '../../domain/policy';
import { createResource, getResource, listResources } from '../../domain/resources';
import { listVersions } from '../../domain/versions';
import { isDeclarableStandard } from '../../ingest/core/declarable';
import type { ValidationReport } from '../../ingest/core/report';
import { pageContext, seg } from '../page-context';
import { render } from '../render';
import type { WebEnv } from '../web-env';
import { createInput, emptyValues, onFormFields, readValues, updatePatch, valuesOf } from './dataset-form';
import { DatasetFormPage } from './dataset-form-page';
import { ManageDatasetPage } from './manage-dataset-page';
import { formFailure, formOf, type Member, memberOf, noticeFrom, toSignIn } from './publish-support';
import { ReportPage } from './report-page';
import { ResourcePage } from './resource-page';

const schemaExists = isDeclarableStandard;

/** A dataset of the signed-in member's own organisation; anyone else's is not found here. */
export const ownDataset = async (c: Context<WebEnv>, member: Member) => {
  const found = await getDataset(c.var.domain, member, c.req.param('dataset') ?? '');
  if (!isMemberOf(member, found.value.organisation)) throw notFound('dataset');
  return found;
};

const managePath = (c: Context<WebEnv>, name: string, done?: string) => c.var.urls.page(`/publish/datasets/${seg(name)}${done ? `?done=${done}` : ''}`);

const managePage = async (
  c: Context<WebEnv>,
  member: Member,
  dataset: Dataset,
  extra: { problems?: Array<{ field: string; message: string }>; values?: { name: string; title: string; format: string }; status?: number } = {},
) => {
  const resources = (await listResources(c.var.domain, dataset)).map((r) => r.value);
  return render(
    c,
    <ManageDatasetPage
      page={pageContext(c)}
      dataset={dataset}
      resources={resources}
      canEdit={mayEditDataset(member, dataset)}
      canGovern={mayGovernDataset(member, dataset)}
      problems={extra.problems}
      values={extra.values}
      notice={noticeFrom(c)}
    />,
    { status: (extra.status ?? 200) as 200 },
  );
};

/** Creating and editing datasets, adding data files, and reading validation reports. */
export const datasetRoutes = new Hono<WebEnv>()
  .get('/publish/datasets/new', async (c) => {
    if (!memberOf(c)) return toSignIn(c);
    return render(
      c,
      <DatasetFormPage
        page={pageContext(c)}
        mode="create"
        action={c.var.urls.page('/publish/datasets/new')}
        values={emptyValues()}
        problems={[]}
        cancel={c.var.urls.page('/publish')}
      />,
    );
  })
  .post('/publish/datasets/new', async (c) => {
    const member = memberOf(c);
    if (!member) return toSignIn(c);
    const values = readValues(formOf(c));
    try {
      const created = await createDataset(c.var.domain, member, createInput(values), routeName(c));
      return c.redirect(managePath(c, created.value.name, 'created'), 303);
    } catch (error) {
      const failure = formFailure(c, error);
      const page = (
        <DatasetFormPage
          page={pageContext(c)}
          mode="create"
          action={c.var.urls.page('/publish/datasets/new')}
          values={values}
          problems={onFormFields(failure.problems)}
          message={failure.message}
          cancel={c.var.urls.page('/publish')}
        />
      );
      return render(c, page, { status: failure.status as 400 });
    }
  })
  .get('/publish/datasets/:dataset', async (c) => {
    const member = memberOf(c);
    if (!member) return toSignIn(c);
    const { value: dataset } = await ownDataset(c, member);
    return managePage(c, member, dataset);
  })
  .get('/publish/datasets/:dataset/edit', async (c) => {
    const member = memberOf(c);
    if (!member) return toSignIn(c);
    const found = await ownDataset(c, member);
    const action = c.var.urls.page(`/publish/datasets/${seg(found.value.name)}/edit`);
    return render(
      c,
      <DatasetFormPage
        page={pageContext(c)}
        mode="edit"
        action={action}
        values={valuesOf(found.value)}
        problems={[]}
        version={found.version}
        cancel={managePath(c, found.value.name)}
      />,
    );
  })
  .post('/publish/datasets/:dataset/edit', async (c) => {
    const member = memberOf(c);
    if (!member) return toSignIn(c);
    const found = await ownDataset(c, member);
    const form = formOf(c);
    const values = { ...readValues(form), name: found.value.name };
    const version = Number(form.get('version'));
    try {
      const precondition = Number.isInteger(version) && version > 0 ? { version } : ('none' as const);
      await updateDataset(c.var.domain, member, found.value.name, updatePatch(values, found.value), precondition, routeName(c));
      return c.redirect(managePath(c, found.value.name, 'saved'), 303);
    } catch (error) {
      const failure = formFailure(c, error);
      const message =
        failure.status === 412
          ? 'Someone else changed this dataset since you opened the form. Check the current details below (your changes are kept) and save again.'
          : failure.message;
      const action = c.var.urls.page(`/publish/datasets/${seg(found.value.name)}/edit`);
      // After a conflict the form is re-based on the current version, so saving again is deliberate.
      const page = (
        <DatasetFormPage
          page={pageContext(c)}
          mode="edit"
          action={action}
          values={values}
          problems={onFormFields(failure.problems)}
          message={message}
          version={found.version}
          cancel={managePath(c, found.value.name)}
        />
      );
      return render(c, page, { status: failure.status as 400 });
    }
  })
  .post('/publish/datasets/:dataset/resources', async (c) => {
    const member = memberOf(c);
    if (!member) return toSignIn(c);
    const { value: dataset } = await ownDataset(c, member);
    const form = formOf(c);
    const values = { name: (form.get('name') ?? '').trim(), title: (form.get('title') ?? '').trim(), format: form.get('format') ?? '' };
    const input: Record<string, unknown> = { name: values.name };
    if (values.title) input.title = values.title;
    if (values.format) input.format = values.format;
    try {
      await createResource(c.var.domain, member, dataset.name, input, schemaExists);
      return c.redirect(c.var.urls.page(`/publish/datasets/${seg(dataset.name)}/resources/${seg(values.name)}`), 303);
    } catch (error) {
      const failure = formFailure(c, error);
      const problems = failure.message ? [{ field: 'name', message: failure.message }] : failure.problems;
      return managePage(c, member, dataset, { problems, values, status: failure.status });
    }
  })
  .get('/publish/datasets/:dataset/resources/:resource', async (c) => {
    const member = memberOf(c);
    if (!member) return toSignIn(c);
    const { value: dataset } = await ownDataset(c, member);
    const { resource } = await getResource(c.var.domain, member, dataset.name, c.req.param('resource'));
    const versions = (await listVersions(c.var.domain, resource.value)).map((v) => v.value);
    return render(
      c,
      <ResourcePage page={pageContext(c)} dataset={dataset} resource={resource.value} versions={versions} canEdit={mayEditDataset(member, dataset)} />,
      {
        connect: await objectStoreOrigins(c),
      },
    );
  })
  .get('/publish/datasets/:dataset/resources/:resource/versions/:version/report', async (c) => {
    const member = memberOf(c);
    if (!member) return toSignIn(c);
    const { value: dataset } = await ownDataset(c, member);
    const number = Number(c.req.param('version'));
    if (!Number.isInteger(number) || number < 1) throw notFound('version');
    const { version, report } = await readReport(c.var.domain, member, dataset.name, c.req.param('resource'), number, routeName(c));
    return render(
      c,
      <ReportPage
        page={pageContext(c)}
        dataset={dataset}
        resourceName={c.req.param('resource')}
        version={version}
        report={report as ValidationReport | null}
      />,
    );
  });

/**
 * The upload page's script PUTs straight to the object store, so its origin joins the page's
 * connect-src. Signing a URL is local computation; the origin never changes, so it is kept.
 */
const storeOrigins = new WeakMap<object, string>();
const objectStoreOrigins = async (c: Context<WebEnv>): Promise<string[]> => {
  let origin = storeOrigins.get(c.var.domain);
  if (!origin) {
    const signed = await c.var.domain.objects.presignGet(
      { bucket: 'uploads', key: 'origin-probe' },
      { expiresIn: 60, filename: 'x', contentType: 'text/plain' },
    );
    origin = new URL(signed).origin;
    storeOrigins.set(c.var.domain, origin);
  }
  return [origin];
};
