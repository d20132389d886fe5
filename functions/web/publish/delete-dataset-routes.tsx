import { Hono } from 'hono';
import { routeName } from '../../api/http/route-name';
import { deleteDataset } from '../../domain/datasets';
import { mayGovernDataset, refusal } from '../../domain/policy';
import { pageContext } from '../page-context';
import { MessagePage } from '../pages/error';
import { render } from '../render';
import type { WebEnv } from '../web-env';
import { ownDataset } from './dataset-routes';
import { DeleteDatasetPage } from './delete-dataset-page';
import { formOf, memberOf, toSignIn } from './publish-support';

/**
 * Deleting a dataset from the publisher pages: the same domain delete as DELETE /api/v1/datasets/{dataset}
 * (admins of the publishing organisation only, audited, announced to search and the feeds), after a
 * confirmation that names the dataset. The form carries the version it was drawn from, so a dataset
 * changed by someone else in the meantime is not deleted unseen.
 */
export const deleteDatasetRoutes = new Hono<WebEnv>()
  .get('/publish/datasets/:dataset/delete', async (c) => {
    const member = memberOf(c);
    if (!member) return toSignIn(c);
    const found = await ownDataset(c, member);
    if (!mayGovernDataset(member, found.value)) throw refusal(member, true, 'dataset', 'delete this dataset (an admin is needed)');
    return render(c, <DeleteDatasetPage page={pageContext(c)} dataset={found.value} version={found.version} />);
  })
  .post('/publish/datasets/:dataset/delete', async (c) => {
    const member = memberOf(c);
    if (!member) return toSignIn(c);
    const found = await ownDataset(c, member);
    if (!mayGovernDataset(member, found.value)) throw refusal(member, true, 'dataset', 'delete this dataset (an admin is needed)');
    const form = formOf(c);
    const typed = (form.get('confirm') ?? '').trim();
    const version = Number(form.get('version'));
    if (typed !== found.value.name) {
      const error = typed ? `does not match the dataset's name: type ${found.value.name} exactly` : `is empty: type ${found.value.name} to confirm`;
      return render(c, <DeleteDatasetPage page={pageContext(c)} dataset={found.value} version={found.version} error={error} />, { status: 400 });
    }
    const precondition = Number.isInteger(version) && version > 0 ? { version } : ('none' as const);
    await deleteDataset(c.var.domain, member, found.value.name, precondition, routeName(c));
    return c.redirect(c.var.urls.page('/publish/deleted'), 303);
  })
  .get('/publish/deleted', (c) => {
    if (!memberOf(c)) return toSignIn(c);
    return render(
      c,
      <MessagePage
        page={pageContext(c)}
        title="Dataset deleted"
        message="The dataset was deleted. It has left search, the dataset pages, the APIs and the feeds, and its data can no longer be downloaded."
        back={{ href: c.var.urls.page('/publish'), text: "Back to your organisation's datasets" }}
      />,
    );
  });
