import type { Child } from 'hono/jsx';
import { ScrollTable } from './components';

/** A column heading; a numeric one is right-aligned (the `num` class; the page gives its cells the same class). */
export type Column = string | { label: string; numeric: true };

/**
 * The site's table where the page's heading names it: scrolls sideways on narrow screens, a caption for screen readers only
 * (the page's heading already names it on screen) and one column heading per column.
 * The children are the body rows.
 */
export const DataTable = ({ label, caption, id, columns, children }: { label: string; caption?: string; id?: string; columns: Column[]; children: Child }) => (
  <ScrollTable label={label}>
    <table id={id}>
      <caption class="visually-hidden">{caption ?? label}</caption>
      <thead>
        <tr>
          {columns.map((column) =>
            typeof column === 'string' ? (
              <th scope="col">{column}</th>
            ) : (
              <th scope="col" class="num">
                {column.label}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  </ScrollTable>
);
