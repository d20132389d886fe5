import { UniqueIndex } from '../../../functions/ingest/core/unique-index';

describe('UniqueIndex', () => {
  it('returns the first row that had a key', () => {
    const index = new UniqueIndex(100);
    expect(index.check('CP-1', 2)).toBe(0);
    expect(index.check('CP-2', 3)).toBe(0);
    expect(index.check('CP-1', 4)).toBe(2);
    expect(index.check('CP-1', 5)).toBe(2);
  });

  it('keeps every key while growing well past its initial size', () => {
    const index = new UniqueIndex(1_000_000);
    for (let i = 0; i < 50_000; i++) expect(index.check(`k${i}`, i + 2)).toBe(0);
    expect(index.check('k12345', 99_999)).toBe(12_347);
    expect(index.check('k49999', 99_999)).toBe(50_001);
  });

  it('tells composite keys apart by their parts', () => {
    const index = new UniqueIndex(10);
    const commit = (parts: string[], row: number) => {
      index.begin();
      for (const p of parts) index.feed(p);
      return index.commit(row);
    };
    expect(commit(['ab', 'c'], 2)).toBe(0);
    expect(commit(['a', 'bc'], 3)).toBe(0);
    expect(commit(['ab', 'c'], 4)).toBe(2);
  });

  it('stops checking once full, saying so with -1', () => {
    const index = new UniqueIndex(2);
    expect(index.check('a', 2)).toBe(0);
    expect(index.check('b', 3)).toBe(0);
    expect(index.check('c', 4)).toBe(-1);
    expect(index.check('a', 5)).toBe(2);
  });
});
