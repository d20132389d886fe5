import type { Column } from '../../../functions/rows/query-model';
import { typedValue } from '../../../functions/rows/typed-values';

const column = (type: Column['type'], sqlType: Column['sqlType']): Column => ({ name: 'c', type, sqlType });
const integer = column('integer', 'BIGINT');
const number = column('number', 'DOUBLE');
const instant = column('datetime', 'TIMESTAMPTZ');
const local = column('datetime', 'TIMESTAMP');
const value = (c: Column, raw: unknown) => {
  const typed = typedValue(c, raw, 100);
  return typed.ok ? typed.bound.value : `refused: ${typed.message}`;
};

describe('typed values', () => {
  it('integers: numbers and decimal text within 64 bits, as bigint', () => {
    expect(value(integer, 42)).toBe(42n);
    expect(value(integer, ' -7 ')).toBe(-7n);
    expect(value(integer, '9223372036854775807')).toBe(9223372036854775807n);
    for (const bad of [1.5, '1e3', '9223372036854775808', '0x10', '', true, Number.MAX_SAFE_INTEGER + 2]) expect(value(integer, bad)).toMatch(/^refused/);
  });

  it('numbers: finite numbers and decimal text', () => {
    expect(value(number, '2.5e1')).toBe(25);
    expect(value(number, -0.5)).toBe(-0.5);
    for (const bad of ['NaN', 'Infinity', '1,000', '£3', '']) expect(value(number, bad)).toMatch(/^refused/);
  });

  it('booleans and dates', () => {
    expect(value(column('boolean', 'BOOLEAN'), 'true')).toBe(true);
    expect(value(column('boolean', 'BOOLEAN'), 'yes')).toMatch(/^refused/);
    expect(value(column('date', 'DATE'), '2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2023-02-29', '2024-13-01', '01/02/2024', "2024-01-01' OR 1=1"]) expect(value(column('date', 'DATE'), bad)).toMatch(/^refused/);
  });

  it('instants: converted to UTC; a date alone is midnight; fractions kept to microseconds', () => {
    expect(value(instant, '2024-03-01T10:00:00+01:00')).toBe('2024-03-01 09:00:00+00');
    expect(value(instant, '2024-03-01T00:30-01:00')).toBe('2024-03-01 01:30:00+00');
    expect(value(instant, '2024-03-01')).toBe('2024-03-01 00:00:00+00');
    expect(value(instant, '2024-03-01 10:00:00.1234567Z')).toBe('2024-03-01 10:00:00.123456+00');
    for (const bad of ['2024-03-01T25:00Z', '2024-03-01T10:00+24:00', 'yesterday']) expect(value(instant, bad)).toMatch(/^refused/);
  });

  it('local date-times: kept as given; an offset is refused', () => {
    expect(value(local, '2024-03-01T10:00')).toBe('2024-03-01 10:00:00');
    expect(value(local, '2024-03-01T10:00Z')).toMatch(/^refused: this column holds local times/);
  });

  it('text: scalars as text, bounded, no NUL; objects and null refused', () => {
    const text = column('string', 'VARCHAR');
    expect(value(text, 12)).toBe('12');
    expect(value(text, "a'b")).toBe("a'b");
    expect(value(text, 'x'.repeat(101))).toMatch(/^refused/);
    expect(value(text, 'a\u0000b')).toMatch(/^refused/);
    expect(value(text, { a: 1 })).toMatch(/^refused/);
    expect(value(text, null)).toMatch(/^refused/);
  });
});
