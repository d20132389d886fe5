import { CkanError } from '../../../functions/ckan/errors';
import { type Clause, flatQuery, parseLuceneQuery, type QueryNode } from '../../../functions/ckan/lucene-query';

/** CKAN's q read with the Lucene parser's clause rules (q.op=AND): how each clause must match. */
const parse = (q: string) => parseLuceneQuery(q, q.length);
const occurs = (node: QueryNode): string[] =>
  node.kind === 'group' ? node.clauses.map((c: Clause) => `${c.occur === 'must' ? '+' : c.occur === 'not' ? '-' : ''}${describe(c.node)}`) : [];
const describe = (node: QueryNode): string =>
  node.kind === 'text'
    ? `${node.scope === 'title' ? 'title:' : ''}${node.phrase ? `"${node.words}"` : node.words}`
    : node.kind === 'filter'
      ? `${node.field}=${node.value}`
      : node.kind === 'group'
        ? `(${occurs(node).join(' ')})`
        : node.kind;

it.each([
  ['a b', ['+a', '+b']],
  ['a OR b', ['a', 'b']],
  ['a AND b OR c', ['+a', 'b', 'c']],
  ['a OR b AND c', ['a', '+b', '+c']],
  ['a NOT b', ['+a', '-b']],
  ['a -b !c +d', ['+a', '-b', '-c', '+d']],
  ['a OR NOT b', ['a', '-b']],
  ['(a OR b) c', ['+(a b)', '+c']],
  ['title:(a OR "b c")', ['+(title:a title:"b c")']],
  ['tags:air groups:transport', ['+keyword=air', '+theme=transport']],
  ['a\\:b', ['+a:b']],
])('%s reads as %j', (q, expected) => {
  expect(occurs(parse(q))).toEqual(expected);
});

it('keeps the plain search for required words and filters only', () => {
  expect(flatQuery(parse('air quality tags:no2 -organization:camden'))).toEqual({
    text: ['air', 'quality'],
    conditions: [
      { field: 'keyword', value: 'no2' },
      { field: 'organisation', value: 'camden', negate: true },
    ],
  });
  for (const q of ['a OR b', '-a', '"a b"', 'title:a', '(a b)']) expect(flatQuery(parse(q))).toBeUndefined();
});

it.each([
  ['(a', 'a parenthesis is not closed'],
  ['a)', 'a closing parenthesis has no opening one'],
  ['OR a', 'OR needs a clause on each side'],
  ['a AND', 'a clause is missing after an operator'],
  [`${'('.repeat(17)}a${')'.repeat(17)}`, 'levels of parentheses'],
  [Array.from({ length: 101 }, (_, i) => `tags:t${i}`).join(' OR '), 'at most 100 filter conditions'],
  [Array.from({ length: 33 }, (_, i) => `word${i}`).join(' OR '), 'at most 32 distinct words'],
])('%s is a Search Query Error: %s', (q, message) => {
  expect(() => parse(q)).toThrow(CkanError);
  expect(() => parse(q)).toThrow(message);
});
