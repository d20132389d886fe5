/** Text and numbers written into SVG markup. */

/** Escapes the five XML special characters, for text and attribute values alike. */
export const escapeXml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));

// Made on first use: building an Intl formatter loads ICU's locale data, which a function's start should not pay for.
let formatter: Intl.NumberFormat | undefined;

/** A value as a reader expects it: thousands separators, no float noise (0.30000000000000004). */
export const formatNumber = (n: number): string => {
  formatter ??= new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 6 });
  return formatter.format(n);
};
