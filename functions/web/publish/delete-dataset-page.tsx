import type { Dataset } from '../../domain/datasets';
import { CsrfField, ErrorSummary, labelOf, TierBadge } from '../components';
import { Layout } from '../layout';
import { type PageContext, seg } from '../page-context';

/** The confirmation before a dataset is deleted: it names the dataset and asks for its name typed back. */
export const DeleteDatasetPage = ({ page, dataset, version, error }: { page: PageContext; dataset: Dataset; version: number; error?: string }) => {
  const base = `/publish/datasets/${seg(dataset.name)}`;
  return (
    <Layout page={page} title={`${error ? 'Error: ' : ''}Delete ${dataset.title}`}>
      <p class="secondary">
        <a href={page.urls.page(base)}>{dataset.title}</a>
      </p>
      <h1>
        Delete “{dataset.title}”? <TierBadge tier={dataset.tier} />
      </h1>
      <ErrorSummary problems={error ? [{ field: 'confirm', message: error }] : []} />
      <div class="notice notice--warning">
        <p>
          <strong>This cannot be undone from these pages.</strong> The dataset, its files and every version leave search, the dataset pages, the APIs and the
          DCAT and CKAN feeds at once, and its data can no longer be downloaded. Its web address <code>{dataset.name}</code> is never given to another dataset.
          The audit log keeps a record of the deletion.
        </p>
      </div>
      <form method="post" action={page.urls.page(`${base}/delete`)} novalidate>
        <CsrfField token={page.session.csrf} />
        <input type="hidden" name="version" value={String(version)} />
        <div class={error ? 'form-group form-group--error' : 'form-group'}>
          <label for="field-confirm">
            To confirm, type the dataset's web name, <code>{dataset.name}</code>
          </label>
          {error ? (
            <span class="error-message" id="field-confirm-error">
              <span class="visually-hidden">Error:</span> {`${labelOf('confirm')} ${error}`}
            </span>
          ) : null}
          <input
            type="text"
            id="field-confirm"
            name="confirm"
            autocomplete="off"
            spellcheck={false}
            class={error ? 'input--error' : undefined}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'field-confirm-error' : undefined}
          />
        </div>
        <div class="button-row">
          <button type="submit" class="button button--warning">
            Delete this dataset
          </button>
          <a href={page.urls.page(base)}>Cancel</a>
        </div>
      </form>
    </Layout>
  );
};
