import type { FieldProblem } from '../../domain/errors';
import { listDataSchemas } from '../../ingest/core/data-schemas';
import { CsrfField, describedBy, ErrorSummary, fieldId, problemFor, Select, TextArea, TextInput } from '../components';
import { Layout } from '../layout';
import { frequencyIds, licenceIds, licenceLabel, themeIds, themeLabel } from '../labels';
import type { PageContext } from '../page-context';
import type { DatasetFormValues } from './dataset-form';

interface FormPageProps {
  page: PageContext;
  mode: 'create' | 'edit';
  action: string;
  values: DatasetFormValues;
  problems: FieldProblem[];
  message?: string;
  /** The record version the edit form was made from (sent back as the precondition). */
  version?: number;
  cancel: string;
}

const Themes = ({ values, error }: { values: string[]; error?: string }) => (
  <div class={error ? 'form-group form-group--error' : 'form-group'}>
    <fieldset aria-describedby={describedBy('themes', 'x', error)}>
      <legend>Themes</legend>
      <span class="hint" id={`${fieldId('themes')}-hint`}>
        Choose any that apply.
      </span>
      {error ? (
        <span class="error-message" id={`${fieldId('themes')}-error`}>
          <span class="visually-hidden">Error:</span> {error}
        </span>
      ) : null}
      <ul class="checkboxes" id={fieldId('themes')}>
        {themeIds.map((theme) => (
          <li>
            <input type="checkbox" id={`theme-${theme}`} name="themes" value={theme} checked={values.includes(theme)} />
            <label for={`theme-${theme}`}>{themeLabel(theme)}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  </div>
);

export const DatasetFormPage = ({ page, mode, action, values, problems, message, version, cancel }: FormPageProps) => {
  const error = (field: string) => problemFor(problems, field);
  const title = mode === 'create' ? 'Create a dataset' : `Edit ${values.title || values.name}`;
  return (
    <Layout page={page} title={problems.length > 0 || message ? `Error: ${title}` : title}>
      <h1>{title}</h1>
      <ErrorSummary problems={problems} message={message} />
      <form method="post" action={action} novalidate>
        <CsrfField token={page.session.csrf} />
        {version !== undefined ? <input type="hidden" name="version" value={String(version)} /> : null}
        {mode === 'create' ? (
          <TextInput
            name="name"
            label="Name for web addresses"
            value={values.name}
            error={error('name')}
            hint="Lower-case letters, digits and hyphens, for example: camden-street-trees. It cannot be changed later."
          />
        ) : (
          <p>
            <strong>Name:</strong> <code>{values.name}</code> (fixed, so links keep working)
          </p>
        )}
        <TextInput name="title" label="Title" value={values.title} error={error('title')} />
        <TextArea
          name="description"
          label="Description"
          value={values.description}
          error={error('description')}
          hint="What the data is, where it comes from and what to watch out for."
          rows={6}
        />
        <Select
          name="tier"
          label="Sharing tier"
          value={values.tier}
          error={error('tier')}
          hint="Private: only your organisation. Shared: the description is public, the data only for organisations you grant access. Open: everyone."
          options={[
            ['private', 'Private'],
            ['shared', 'Shared'],
            ['open', 'Open'],
          ]}
        />
        <Select
          name="licence"
          label="Licence"
          value={values.licence}
          error={error('licence')}
          hint="Open datasets need an open licence."
          options={licenceIds.map((id) => [id, licenceLabel(id)])}
        />
        <Select
          name="updateFrequency"
          label="Update frequency"
          value={values.updateFrequency}
          error={error('updateFrequency')}
          options={[['', 'Not stated'], ...frequencyIds.map((id): [string, string] => [id, id])]}
        />
        <TextInput name="keywords" label="Keywords" value={values.keywords} error={error('keywords')} hint="Separate keywords with commas." />
        <Themes values={values.themes} error={error('themes')} />
        <Select
          name="dataSchema"
          label="Common data schema"
          value={values.dataSchema}
          error={error('dataSchema')}
          hint="If the rows follow a common schema, every upload is checked against it."
          options={[['', 'None'], ...listDataSchemas().map((s): [string, string] => [s.id, s.title])]}
        />
        <TextInput
          name="temporalCoverage.start"
          label="Coverage start"
          type="date"
          value={values['temporalCoverage.start']}
          error={error('temporalCoverage.start')}
          hint="The first date the data covers, if any."
        />
        <TextInput name="temporalCoverage.end" label="Coverage end" type="date" value={values['temporalCoverage.end']} error={error('temporalCoverage.end')} />
        <TextInput
          name="contactPoint.name"
          label="Contact team"
          value={values['contactPoint.name']}
          error={error('contactPoint.name')}
          hint="A team or role, not a person."
        />
        <TextInput
          name="contactPoint.email"
          label="Contact email"
          type="email"
          value={values['contactPoint.email']}
          error={error('contactPoint.email')}
          autocomplete="off"
        />
        <div class="button-row">
          <button type="submit" class="button">
            {mode === 'create' ? 'Create dataset' : 'Save changes'}
          </button>
          <a href={cancel}>Cancel</a>
        </div>
      </form>
    </Layout>
  );
};
