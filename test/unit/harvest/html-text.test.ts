import { decodeEntities, htmlToText } from '../../../functions/harvest/html-text';

describe('HTML to text', () => {
  it('drops tags, keeps paragraphs and list items as lines, and decodes entities', () => {
    expect(htmlToText('<DIV STYLE="text-align:Left;"><P><SPAN>Emplacement des v&eacute;los</SPAN></P><p>Deux&nbsp;lignes</p></DIV>')).toBe(
      'Emplacement des vélos\n\nDeux lignes',
    );
    expect(htmlToText('<ul><li>one</li><li>two &amp; three</li></ul>')).toBe('- one\n- two & three');
    expect(htmlToText('line<br/>break and <a href="https://x.example/?a=1&b=2" title=\'>\'>a link</a>')).toBe('line\nbreak and a link');
  });

  it('removes script, style and comments with their contents, and never runs anything', () => {
    expect(htmlToText('a<script type="text/javascript">document.write("<p>x</p>")</script>b<style>p{}</style>c<!-- <p>hidden</p> -->d')).toBe('abcd');
    expect(htmlToText('<SCRIPT>alert(1)</SCRIPT >after')).toBe('after');
    expect(htmlToText('<img src=x onerror="alert(1)">text')).toBe('text');
    expect(htmlToText('<script>never closed')).toBe('');
  });

  it('leaves plain text, Markdown and a lone < alone', () => {
    expect(htmlToText('NO2 < 40 µg/m³ and x > y')).toBe('NO2 < 40 µg/m³ and x > y');
    expect(htmlToText('# Title\n\n* item with [a link](https://x.example)')).toBe('# Title\n\n* item with [a link](https://x.example)');
  });

  it('decodes numeric references safely and leaves unknown names', () => {
    expect(decodeEntities('&#233;&#xE9;&#x1F600;&unknown;&lt;b&gt;')).toBe('éé😀&unknown;<b>');
    expect(decodeEntities('&#0;&#xD800;&#x110000;')).toBe('\ufffd\ufffd\ufffd');
    expect(htmlToText('a&#1;b&#x7f;c')).toBe('abc'); // controls are dropped
    expect(htmlToText('&lt;script&gt;alert(1)&lt;/script&gt;')).toBe('<script>alert(1)</script>'); // text, as the source wrote it
  });

  it('stays fast on hostile input (many unclosed tags)', () => {
    const hostile = '<a '.repeat(50_000);
    const started = process.hrtime.bigint();
    htmlToText(hostile);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(5_000);
  });
});
