import { castBoolean, INVALID } from '../../functions/ingest/core/cast';
import { formatHint } from '../../functions/ingest/core/detect-format';
import { labelOf } from '../../functions/web/components';
import { isOverdue, licenceLabel } from '../../functions/web/labels';

/** Lookups keyed by uploaded cells, uploaders' headers and stored text never find Object.prototype's members. */
const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

describe.each(PROTOTYPE_NAMES)('the name %s', (name) => {
  it('is not a boolean cell', () => {
    expect(castBoolean(name)).toBe(INVALID);
    expect(castBoolean(` ${name.toUpperCase()} `)).toBe(INVALID);
  });

  it('is no format hint, as a Content-Type or as a file extension', () => {
    expect(formatHint(`data.${name}`, name)).toBeUndefined();
    expect(formatHint(`data.csv`, name)).toBe('csv');
  });

  it('labels as itself on pages', () => {
    expect(labelOf(name)).toBe(name);
    expect(licenceLabel(name)).toBe(name);
  });

  it('is a frequency that is never overdue', () => {
    expect(isOverdue(name, '2000-01-01T00:00:00Z', new Date('2026-01-01T00:00:00Z'))).toBe(false);
  });
});
