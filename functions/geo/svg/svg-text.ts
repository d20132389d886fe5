/** Text and numbers written into SVG markup. */

/** Escapes the five XML special characters, for text and attribute values alike. */
export const escapeXml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));

const formatter = new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 6 });

/** A value as a reader expects it: thousands separators, no float noise (0.30000000000000004). */
export const formatNumber = (n: number): string => formatter.format(n);
