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
});
