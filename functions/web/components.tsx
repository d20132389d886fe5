import type { Child } from 'hono/jsx';
import type { FieldProblem } from '../domain/errors';

export const TierBadge = ({ tier }: { tier: string }) => <strong class={`tag tag--${tier}`}>{tier}</strong>;

export const StatusTag = ({ status, id }: { status: string; id?: string }) => (
  <strong class={`tag tag--${status}`} id={id}>
    {status}
  </strong>
);

export const formatBytes = (bytes: number | undefined): string => {
  if (bytes === undefined) return '–';
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
};

// Made on first use: a formatter with a time zone loads ICU's zone data, which API requests never need.
let dateFormat: Intl.DateTimeFormat | undefined;
let dateTimeFormat: Intl.DateTimeFormat | undefined;

export const formatDate = (iso: string | undefined): string => {
  if (!iso || Number.isNaN(Date.parse(iso))) return '–';
  dateFormat ??= new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
  return dateFormat.format(new Date(iso));
};
export const formatDateTime = (iso: string | undefined): string => {
  if (!iso || Number.isNaN(Date.parse(iso))) return '–';
  dateTimeFormat ??= new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/London',
  });
  return dateTimeFormat.format(new Date(iso));
};

export const formatCount = (n: number): string => n.toLocaleString('en-GB');

/** "1 dataset", "2 datasets", "1,204 datasets": the noun agrees with the count. */
export const plural = (n: number, noun: string, plural = `${noun}s`): string => `${formatCount(n)} ${n === 1 ? noun : plural}`;

export const SummaryList = ({ rows }: { rows: Array<[label: string, value: Child]> }) => (
  <dl class="summary-list">
    {rows.map(([label, value]) => (
      <div>
        <dt>{label}</dt>
        <dd>{value}</dd>
      </div>
    ))}
  </dl>
);

/** The GOV.UK error summary: every problem, each linking to its field. */
export const ErrorSummary = ({ problems, message }: { problems: FieldProblem[]; message?: string }) =>
  problems.length === 0 && !message ? null : (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">There is a problem</h2>
      {message ? <p>{message}</p> : null}
      <ul class="list">
        {problems.map((p) => (
          <li>
            <a href={`#${fieldId(p.field)}`}>{`${labelOf(p.field)} ${p.message}`}</a>
          </li>
        ))}
      </ul>
    </div>
  );

/** Domain field paths (`temporalCoverage.start`) as HTML ids and form names. */
export const fieldId = (field: string): string => `field-${field.replace(/[^a-zA-Z0-9]+/g, '-')}`;

const LABELS: Record<string, string> = {
  name: 'Name',
  title: 'Title',
  description: 'Description',
  licence: 'Licence',
  tier: 'Sharing tier',
  keywords: 'Keywords',
  themes: 'Themes',
  updateFrequency: 'Update frequency',
  organisation: 'Organisation',
  purpose: 'Purpose',
  lawfulBasis: 'Lawful basis',
  agreementReference: 'Agreement reference',
  expiresAt: 'Expiry date',
  reason: 'Reason',
  token: 'Token',
  role: 'Role',
  label: 'Label',
  expiresInDays: 'Days until it expires',
  dataSchema: 'Data schema',
  format: 'Format',
  confirm: 'The name typed',
  'contactPoint.email': 'Contact email',
  'contactPoint.name': 'Contact name',
  'temporalCoverage.start': 'Coverage start',
  'temporalCoverage.end': 'Coverage end',
};
export const labelOf = (field: string): string => (Object.hasOwn(LABELS, field) ? LABELS[field] : field);

export const problemFor = (problems: FieldProblem[], field: string): string | undefined => {
  const found = problems.filter((p) => p.field === field || p.field.startsWith(`${field}.`) || p.field.startsWith(`${field}/`));
  return found.length > 0 ? found.map((p) => p.message).join('; ') : undefined;
};

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  children: Child;
}

/** A form group: label, hint and error message tied to the control by id and aria-describedby. */
export const FormGroup = ({ name, label, hint, error, children }: FieldProps) => (
  <div class={error ? 'form-group form-group--error' : 'form-group'}>
    <label for={fieldId(name)}>{label}</label>
    {hint ? (
      <span class="hint" id={`${fieldId(name)}-hint`}>
        {hint}
      </span>
    ) : null}
    {error ? (
      <span class="error-message" id={`${fieldId(name)}-error`}>
        <span class="visually-hidden">Error:</span> {error}
      </span>
    ) : null}
    {children}
  </div>
);

export const describedBy = (name: string, hint?: string, error?: string): string | undefined =>
  [hint ? `${fieldId(name)}-hint` : '', error ? `${fieldId(name)}-error` : ''].filter(Boolean).join(' ') || undefined;

export const TextInput = (props: {
  name: string;
  label: string;
  value?: string;
  hint?: string;
  error?: string;
  type?: string;
  autocomplete?: string;
  required?: boolean;
}) => (
  <FormGroup name={props.name} label={props.label} hint={props.hint} error={props.error}>
    <input
      type={props.type ?? 'text'}
      id={fieldId(props.name)}
      name={props.name}
      value={props.value ?? ''}
      class={props.error ? 'input--error' : undefined}
      aria-describedby={describedBy(props.name, props.hint, props.error)}
      aria-invalid={props.error ? 'true' : undefined}
      autocomplete={props.autocomplete}
      required={props.required}
    />
  </FormGroup>
);

export const TextArea = (props: { name: string; label: string; value?: string; hint?: string; error?: string; rows?: number }) => (
  <FormGroup name={props.name} label={props.label} hint={props.hint} error={props.error}>
    <textarea
      id={fieldId(props.name)}
      name={props.name}
      rows={props.rows ?? 5}
      class={props.error ? 'input--error' : undefined}
      aria-describedby={describedBy(props.name, props.hint, props.error)}
      aria-invalid={props.error ? 'true' : undefined}
    >
      {props.value ?? ''}
    </textarea>
  </FormGroup>
);

export const Select = (props: {
  name: string;
  label: string;
  options: Array<[value: string, label: string]>;
  value?: string;
  hint?: string;
  error?: string;
}) => (
  <FormGroup name={props.name} label={props.label} hint={props.hint} error={props.error}>
    <select
      id={fieldId(props.name)}
      name={props.name}
      class={props.error ? 'input--error' : undefined}
      aria-describedby={describedBy(props.name, props.hint, props.error)}
      aria-invalid={props.error ? 'true' : undefined}
    >
      {props.options.map(([value, label]) => (
        <option value={value} selected={value === (props.value ?? '')}>
          {label}
        </option>
      ))}
    </select>
  </FormGroup>
);

export const CsrfField = ({ token }: { token: string | undefined }) => <input type="hidden" name="csrf" value={token ?? ''} />;

/** A data table that scrolls sideways on narrow screens instead of breaking the page. */
export const ScrollTable = ({ label, children }: { label: string; children: Child }) => (
  <div class="table-wrap" role="region" aria-label={label} tabindex={0}>
    {children}
  </div>
);
