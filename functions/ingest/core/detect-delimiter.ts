export type Delimiter = ',' | ';' | '\t' | '|';

const CANDIDATES: readonly Delimiter[] = [',', '\t', ';', '|'];
const MAX_LINES = 50;

/**
 * Picks the delimiter that splits the sample's lines into the same number of cells most
 * consistently, counting only delimiters outside double quotes (so `"3,611"` does not
 * vote for comma). Ties go to the hinted delimiter, then to the order above. A text with
 * no candidate at all is a one-column CSV.
 */
export function sniffDelimiter(sample: string, complete: boolean, hint?: Delimiter): Delimiter {
  const lines = countPerLine(sample, complete);
  let best: Delimiter = hint ?? ',';
  let bestScore = -1;
  for (const delimiter of orderWithHintFirst(hint)) {
    const score = consistencyScore(lines.map((counts) => counts[delimiter]));
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return bestScore > 0 ? best : (hint ?? ',');
}

function orderWithHintFirst(hint?: Delimiter): Delimiter[] {
  return hint ? [hint, ...CANDIDATES.filter((d) => d !== hint)] : [...CANDIDATES];
}

/** Lines where the count equals the header's count, weighted up when that count is larger. */
function consistencyScore(counts: number[]): number {
  if (counts.length === 0 || counts[0] === 0) return 0;
  const header = counts[0];
  const agreeing = counts.filter((c) => c === header).length;
  // Agreement dominates; the column count only breaks ties between equally consistent delimiters.
  return agreeing * 1000 + Math.min(header, 999);
}

type Counts = Record<Delimiter, number>;

function countPerLine(sample: string, complete: boolean): Counts[] {
  const lines: Counts[] = [];
  let counts: Counts = { ',': 0, '\t': 0, ';': 0, '|': 0 };
  let inQuotes = false;
  let lineHasContent = false;
  for (let i = 0; i < sample.length && lines.length < MAX_LINES; i++) {
    const ch = sample[i];
    if (ch === '"') {
      inQuotes = !inQuotes; // an escaped "" toggles twice, which is right
    } else if (!inQuotes && (ch === '\n' || ch === '\r')) {
      if (lineHasContent) lines.push(counts);
      counts = { ',': 0, '\t': 0, ';': 0, '|': 0 };
      lineHasContent = false;
      continue;
    } else if (!inQuotes && (ch === ',' || ch === '\t' || ch === ';' || ch === '|')) {
      counts[ch]++;
    }
    lineHasContent = true;
  }
  // The last line is only trustworthy when the sample holds the whole file.
  if (complete && lineHasContent && lines.length < MAX_LINES) lines.push(counts);
  if (lines.length === 0 && lineHasContent) lines.push(counts);
  return lines;
}
