import { sniffDelimiter } from '../../../functions/ingest/core/detect-delimiter';
import { detectFormat, formatHint } from '../../../functions/ingest/core/detect-format';

describe('sniffDelimiter', () => {
  it('picks the delimiter that splits every line into the same number of cells', () => {
    expect(sniffDelimiter('a,b,c\n1,2,3\n4,5,6\n', true)).toBe(',');
    expect(sniffDelimiter('a;b;c\n1,5;2;3\n4;5,5;6\n', true)).toBe(';');
    expect(sniffDelimiter('a\tb\n1\t2\n', true)).toBe('\t');
    expect(sniffDelimiter('a|b|c\n1|2|3\n', true)).toBe('|');
  });

  it('ignores delimiters inside quotes', () => {
    // Commas inside quoted cells would otherwise out-vote the semicolon.
    expect(sniffDelimiter('name;amount\n"Smith, J";"1,234,567"\n"Jones, K";"2,345"\n', true)).toBe(';');
  });

  it('does not trust a last line cut off by the end of the sample', () => {
    expect(sniffDelimiter('a;b\n1;2\n3;4\n5,6,7,8,9', false)).toBe(';');
  });

  it('treats a file without any candidate as one column of CSV', () => {
    expect(sniffDelimiter('name\nalpha\nbeta\n', true)).toBe(',');
  });
});

describe('detectFormat', () => {
  const ok = (text: string, complete = true, hint?: Parameters<typeof detectFormat>[2]) => detectFormat(text, complete, hint);

  it('recognises each format by content', () => {
    expect(ok('a,b\n1,2\n')).toEqual({ ok: true, value: { format: 'csv', delimiter: ',' } });
    expect(ok('a\tb\n1\t2\n')).toEqual({ ok: true, value: { format: 'tsv', delimiter: '\t' } });
    expect(ok('  [\n {"a": 1}\n]')).toEqual({ ok: true, value: { format: 'json' } });
    expect(ok('{"a":1}\n{"a":2}\n')).toEqual({ ok: true, value: { format: 'ndjson' } });
    expect(ok('{"type":"FeatureCollection","features":[]}')).toEqual({ ok: true, value: { format: 'geojson' } });
    expect(ok('{\n  "type": "FeatureCollection",\n  "features": [\n', false)).toEqual({ ok: true, value: { format: 'geojson' } });
  });

  it('lets content win over a misleading extension', () => {
    expect(detectFormat('[{"a":1}]', true, formatHint('data.csv'))).toEqual({ ok: true, value: { format: 'json' } });
  });

  it('uses hints only for what content leaves open', () => {
    expect(formatHint('x.TSV')).toBe('tsv');
    expect(formatHint('x.csv', 'application/x-ndjson')).toBe('ndjson');
    expect(formatHint(undefined, 'text/csv; charset=utf-8')).toBe('csv');
    // A single column: no delimiter in the content, so the .tsv hint decides.
    expect(detectFormat('name\nalpha\n', true, 'tsv')).toEqual({ ok: true, value: { format: 'tsv', delimiter: '\t' } });
  });

  it('refuses what is not a table, saying why', () => {
    expect(ok('   \n')).toEqual({ ok: false, message: expect.stringMatching(/empty/) });
    expect(ok('<!DOCTYPE html><html>')).toEqual({ ok: false, message: expect.stringMatching(/HTML/) });
    expect(ok('{\n  "name": "not rows"\n}\n')).toEqual({ ok: false, message: expect.stringMatching(/single object/) });
  });
});
