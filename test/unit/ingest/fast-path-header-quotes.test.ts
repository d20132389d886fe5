import { bothPaths } from './both-paths';

/**
 * DuckDB's strict reader, given a header with text straight after a closing quote (`"a"x,b`),
 * reads no rows at all and raises no error, where csv-parse (relax_quotes) reads the header and
 * every row: the fast path "proved" such a file valid with 0 rows and published it empty.
 */
describe('fast path: a header cell with text after its closing quote', () => {
  const rows = ['1,2,3', '4,5,6', '7,8,9'].join('\n');

  it.each(['"a"x,b,c', 'a,"b"x,c', 'a,b,"c"x', '"a"é,b,c', '"a""q"x,b,c'])('keeps every row of %s (the JS path reads it)', async (header) => {
    for (const eol of ['\n', '\r\n']) {
      const result = await bothPaths(`${header}${eol}${rows.replaceAll('\n', eol)}${eol}`, undefined, 4096);
      expect(result.report.rowCount).toBe(3);
      expect(result.fastPath?.proven ?? false).toBe(false);
    }
  });

  it('still proves a header of well-formed quoted cells', async () => {
    const result = await bothPaths(`"a","b""x""","c,d"\n${rows}\n`, undefined, 4096);
    expect(result.fastPath?.proven).toBe(true);
    expect(result.report.rowCount).toBe(3);
  });
});
