/**
 * One record of a nested document as one row: every scalar at its path, the path's parts joined
 * by `/` and list items numbered from 0 (`recipientOrganization/0/id`), as the standards' own
 * flattening tools name their spreadsheet columns. An empty list or object leaves no column.
 */
export const flattenRecord = (record: unknown): Map<string, unknown> => {
  const cells = new Map<string, unknown>();
  const pending: Array<[string, unknown]> = [['', record]];
  while (pending.length > 0) {
    const [path, value] = pending.pop()!;
    if (value !== null && typeof value === 'object') {
      const entries = Array.isArray(value) ? value.map((item, i) => [String(i), item] as const) : Object.entries(value);
      // Pushed in reverse so that they come off the stack in document order.
      for (let i = entries.length - 1; i >= 0; i--) pending.push([path ? `${path}/${entries[i][0]}` : entries[i][0], entries[i][1]]);
    } else {
      cells.set(path || 'value', value);
    }
  }
  return cells;
};
