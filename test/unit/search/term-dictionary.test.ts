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

  it('loaded from a sorted list, makes each value once when first read, and then takes changes like a built one', () => {
    const made: number[] = [];
    const sorted = ['quality', 'street', 'treaty', 'tree', 'trees'];
    const dictionary = TermDictionary.fromSorted(sorted, (position) => {
      made.push(position);
      return { position };
    });
    expect(dictionary.size).toBe(5);
    expect(dictionary.get('tree')).toEqual({ position: 3 });
    expect(dictionary.get('tre')).toBeUndefined();
    expect(dictionary.get('tree')).toBe(dictionary.get('tree'));
    expect(made).toEqual([3]);
    expect([...dictionary.withPrefix('tre')].map(([term, value]) => [term, value.position])).toEqual([
      ['treaty', 2],
      ['tree', 3],
      ['trees', 4],
    ]);
    expect(dictionary.fuzzy('qualty', 1).get('quality')).toEqual([{ position: 0 }, 1]);
    const tree = dictionary.get('tree');
    dictionary.set('trellis', { position: 9 });
    dictionary.delete('treaty');
    expect(dictionary.get('tree')).toBe(tree); // a value handed out stays the term's value
    expect([...dictionary.withPrefix('tre')].map(([term]) => term)).toEqual(['tree', 'trees', 'trellis']);
    expect([...dictionary.entries()].map(([term]) => term).sort()).toEqual(['quality', 'street', 'tree', 'trees', 'trellis']);
    expect(made.sort()).toEqual([0, 1, 2, 3, 4]);
  });
});
