/** How text becomes searchable terms, as MiniSearch tokenises: split on spaces and punctuation, lower-cased, stop words dropped. */
const STOP_WORDS = new Set(['a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'in', 'into', 'is', 'it', 'of', 'on', 'or', 'the', 'to', 'with']);
const SPACE_OR_PUNCTUATION = /[\n\r\p{Z}\p{P}]+/u;

/** The raw tokens of a text (field lengths count these, as MiniSearch does). */
export const tokens = (text: string): string[] => text.split(SPACE_OR_PUNCTUATION);

/** The searchable terms among tokens. */
export const termsOf = (raw: readonly string[]): string[] => {
  const found: string[] = [];
  for (const token of raw) {
    const term = token.toLowerCase();
    if (term && !STOP_WORDS.has(term)) found.push(term);
  }
  return found;
};

export const terms = (text: string): string[] => termsOf(tokens(text));
