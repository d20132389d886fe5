import { type BoundValue, type OrderKey, type Predicate, ROW_ID } from './query-model';

/**
 * Keyset paging: "the rows after this one" as a predicate over the sort keys. The order puts
 * empty values last in both directions (ASC NULLS LAST, DESC NULLS LAST) and always ends with
 * the row number, so each row has exactly one position.
 *
 * For keys k1..kn and the last row's values v1..vn, a row comes after it when, for some i,
 * k1..k(i-1) equal v1..v(i-1) and ki is strictly after vi. Those alternatives exclude each
 * other (they differ at key i: equal or strictly after), which the DuckDB SQL relies on.
 */
export const afterPosition = (order: readonly OrderKey[], values: readonly (BoundValue | null)[]): Predicate => {
  const alternatives: Predicate[] = [];
  for (let i = 0; i < order.length; i++) {
    const equalBefore = order.slice(0, i).map((key, j) => equalTo(key, values[j]));
    const strictly = strictlyAfter(order[i], values[i]);
    if (strictly.kind === 'false') continue;
    alternatives.push(equalBefore.length === 0 ? strictly : { kind: 'and', parts: [...equalBefore, strictly] });
  }
  return alternatives.length === 0 ? { kind: 'false' } : alternatives.length === 1 ? alternatives[0] : { kind: 'or', parts: alternatives, exclusive: true };
};

const equalTo = (key: OrderKey, value: BoundValue | null): Predicate =>
  value === null ? { kind: 'null', column: key.column, isNull: true } : { kind: 'compare', column: key.column, op: '=', value };

/** After an empty value come only other empty values (decided by the next keys); after v come the values beyond it, then the empty ones. */
const strictlyAfter = ({ column, descending }: OrderKey, value: BoundValue | null): Predicate => {
  if (value === null) return { kind: 'false' };
  const beyond: Predicate = { kind: 'compare', column, op: descending ? '<' : '>', value };
  // The row number is never empty: a plain comparison keeps the scan prunable.
  if (column === ROW_ID) return beyond;
  return { kind: 'or', parts: [beyond, { kind: 'null', column, isNull: true }] };
};
