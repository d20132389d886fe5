import { ExchangeError } from '../../../functions/domain/errors';
import { ROW_LIMITS } from '../../../functions/rows/limits';
import { nativeRowRequest } from '../../../functions/rows/native-request';
import { parseCkanSort, parseFilters, parseNameList, parseNativeSort, parseSearch } from '../../../functions/rows/parse-parameters';

const problem = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ExchangeError) return { code: error.code, fields: (error.details?.fields as Array<{ field: string }>)?.map((f) => f.field) };
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('filters', () => {
  it('reads values as equality, lists as IN and operator objects as conditions on one column', () => {
    expect(
      parseFilters({ borough: 'Camden', ward: ['A', 'B'], value: { gte: 40, lt: 100 }, note: null, ok: { eq: true }, day: { in: '2024-01-01' } }, ROW_LIMITS),
    ).toEqual([
      { column: 'borough', op: 'eq', value: 'Camden' },
      { column: 'ward', op: 'in', values: ['A', 'B'] },
      { column: 'value', op: 'gte', value: 40 },
      { column: 'value', op: 'lt', value: 100 },
      { column: 'note', op: 'eq', value: null },
      { column: 'ok', op: 'eq', value: true },
      { column: 'day', op: 'in', values: ['2024-01-01'] },
    ]);
  });

  it.each([
    ['an array', [1], 'filters'],
    ['a string', 'x', 'filters'],
    ['an unknown operator', { a: { like: 'x' } }, 'filters.a'],
    ['an empty operator object', { a: {} }, 'filters.a'],
    ['an empty list', { a: [] }, 'filters.a'],
    ['a nested list', { a: [[1]] }, 'filters.a'],
    ['null for a range', { a: { gt: null } }, 'filters.a'],
    ['an object operand', { a: { eq: { b: 1 } } }, 'filters.a'],
  ])('refuses %s', (_name, raw, field) => {
    expect(problem(() => parseFilters(raw, ROW_LIMITS))).toEqual({ code: 'validation_failed', fields: [field] });
  });

  it('bounds the number of conditions and IN values', () => {
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`c${i}`, i]));
    expect(problem(() => parseFilters(many, ROW_LIMITS)).fields).toEqual(['filters']);
    expect(problem(() => parseFilters({ a: Array.from({ length: 1001 }, (_, i) => i) }, ROW_LIMITS)).fields).toEqual(['filters.a']);
  });
});

describe('q', () => {
  it('splits words; the CKAN object form keeps each word to its column', () => {
    expect(parseSearch('  road   Works ', ROW_LIMITS)).toEqual([{ term: 'road' }, { term: 'Works' }]);
    expect(parseSearch({ note: 'lane 4' }, ROW_LIMITS)).toEqual([
      { column: 'note', term: 'lane' },
      { column: 'note', term: '4' },
    ]);
    expect(parseSearch('', ROW_LIMITS)).toEqual([]);
    expect(problem(() => parseSearch(['x'], ROW_LIMITS)).fields).toEqual(['q']);
  });
});

describe('fields', () => {
  it('takes comma-separated names, a JSON array (for names with commas) or a list, without duplicates', () => {
    expect(parseNameList('fields', 'a, b ,a', ROW_LIMITS)).toEqual(['a', 'b']);
    expect(parseNameList('fields', '["rate, per 1000", "b"]', ROW_LIMITS)).toEqual(['rate, per 1000', 'b']);
    expect(parseNameList('fields', ['x'], ROW_LIMITS)).toEqual(['x']);
    expect(problem(() => parseNameList('fields', 'a,,b', ROW_LIMITS)).fields).toEqual(['fields']);
    expect(problem(() => parseNameList('fields', '[1]', ROW_LIMITS)).fields).toEqual(['fields']);
  });
});

describe('sort', () => {
  it('native: name, name:asc, name:desc, or a JSON list of {field, order}', () => {
    expect(parseNativeSort('date:desc, site ,value:ASC', ROW_LIMITS)).toEqual([
      { column: 'date', descending: true },
      { column: 'site', descending: false },
      { column: 'value', descending: false },
    ]);
    expect(parseNativeSort('[{"field":"a:b, c","order":"desc"},"d"]', ROW_LIMITS)).toEqual([
      { column: 'a:b, c', descending: true },
      { column: 'd', descending: false },
    ]);
    expect(problem(() => parseNativeSort('[{"field":"a","order":"sideways"}]', ROW_LIMITS)).fields).toEqual(['sort']);
  });

  it('CKAN: "col desc, col2", with double-quoted names', () => {
    expect(parseCkanSort('value desc, site', ROW_LIMITS)).toEqual([
      { column: 'value', descending: true },
      { column: 'site', descending: false },
    ]);
    expect(parseCkanSort('"rate, per 1000" DESC,"say ""hi""" asc, plain name', ROW_LIMITS)).toEqual([
      { column: 'rate, per 1000', descending: true },
      { column: 'say "hi"', descending: false },
      { column: 'plain name', descending: false },
    ]);
    expect(problem(() => parseCkanSort('"unclosed desc', ROW_LIMITS)).fields).toEqual(['sort']);
    expect(problem(() => parseCkanSort('"a" sideways', ROW_LIMITS)).fields).toEqual(['sort']);
  });
});

describe('the native query string', () => {
  it('gives defaults', () => {
    expect(nativeRowRequest({}, ROW_LIMITS)).toEqual({
      conditions: [],
      search: [],
      fields: undefined,
      sort: [],
      limit: 100,
      offset: 0,
      cursor: undefined,
      version: undefined,
      total: 'auto',
    });
  });

  it.each([
    [{ limit: ['0'] }, 'limit'],
    [{ limit: ['10001'] }, 'limit'],
    [{ limit: ['-1'] }, 'limit'],
    [{ version: ['0'] }, 'version'],
    [{ total: ['all'] }, 'total'],
    [{ filter: ['{}'] }, 'filter'],
    [{ q: ['a', 'b'] }, 'q'],
    [{ filters: ['{'] }, 'filters'],
    [{ cursor: [''] }, 'cursor'],
  ])('refuses %j', (query, field) => {
    expect(problem(() => nativeRowRequest(query, ROW_LIMITS))).toEqual({ code: 'validation_failed', fields: [field] });
  });
});
