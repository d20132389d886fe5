import { TermDictionary } from '../../../functions/search/term-dictionary';

const prefixed = (dictionary: TermDictionary<number>, prefix: string) => [...dictionary.withPrefix(prefix)].map(([term]) => term);

describe('the term dictionary', () => {
  it('keeps prefix and typo lookups right as terms come and go after they were first built', () => {
    const dictionary = new TermDictionary<number>();
    ['trees', 'tree', 'treaty', 'street', 'quality'].forEach((term, i) => dictionary.set(term, i));
    expect(prefixed(dictionary, 'tre')).toEqual(['treaty', 'tree', 'trees']);
    expect([...dictionary.fuzzy('qualty', 1).keys()]).toEqual(['quality']);
    dictionary.set('trellis', 9);
    dictionary.delete('tree');
    expect(prefixed(dictionary, 'tre')).toEqual(['treaty', 'trees', 'trellis']);
    expect(dictionary.fuzzy('trellys', 1).get('trellis')).toEqual([9, 1]);
    dictionary.deleteAll(Array.from({ length: 100 }, (_, i) => (i === 0 ? 'trees' : `absent-${i}`)));
    expect(prefixed(dictionary, 'tre')).toEqual(['treaty', 'trellis']);
    expect(dictionary.fuzzy('trees', 1).has('trees')).toBe(false);
    expect(dictionary.size).toBe(4);
  });

  it('merges many new terms into the sorted list, once each, leaving out those deleted since', () => {
    const dictionary = new TermDictionary<number>();
    dictionary.set('park', 0);
    expect(prefixed(dictionary, 'pa')).toEqual(['park']);
    const added = Array.from({ length: 200 }, (_, i) => `pa${String(i).padStart(3, '0')}`);
    added.forEach((term, i) => dictionary.set(term, i));
    dictionary.delete('pa005');
    dictionary.set('pa007', 99); // not new: listed once
    dictionary.delete('pa010');
    dictionary.set('pa010', 10); // deleted and added again: listed once
    const expected = [...added.filter((term) => term !== 'pa005'), 'park'];
    expect(prefixed(dictionary, 'pa')).toEqual(expected);
    expect(prefixed(dictionary, 'pa00')).toEqual(expected.slice(0, 9));
  });
});
