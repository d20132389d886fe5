import { isUtf8 } from 'node:buffer';
import { decoderLabel, type EncodingDetection } from './detect-encoding';
import { IngestInputError } from './errors';
import { completeUtf8Length } from './utf8-boundary';

const ENCODING_NAMES: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
};

/** Drops the byte-order mark, however the chunks happen to be cut. */
async function* withoutBom(chunks: AsyncIterable<Buffer>, bomLength: number): AsyncGenerator<Buffer> {
  let skip = bomLength;
  for await (const chunk of chunks) {
    if (skip === 0) {
      yield chunk;
    } else if (chunk.length <= skip) {
      skip -= chunk.length;
    } else {
      yield chunk.subarray(skip);
      skip = 0;
    }
  }
}

/** Decodes to text in streaming mode; bytes that are invalid in the detected encoding are an encoding-error. */
export async function* decodeToStrings(chunks: AsyncIterable<Buffer>, detection: EncodingDetection): AsyncGenerator<string> {
  const label = decoderLabel(detection.encoding);
  const decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
  let offset = detection.bomLength;
  try {
    for await (const chunk of withoutBom(chunks, detection.bomLength)) {
      const text = decoder.decode(chunk, { stream: true });
      offset += chunk.length;
      if (text) yield text;
    }
    const tail = decoder.decode();
    if (tail) yield tail;
  } catch (error) {
    // By its code, not `instanceof TypeError`: Node's TextDecoder throws its own realm's TypeError, which a vm context (Jest) does not recognise.
    if ((error as { code?: unknown } | null)?.code === 'ERR_ENCODING_INVALID_ENCODED_DATA' || error instanceof TypeError) throw invalidText(label, offset);
    throw error;
  }
}

/**
 * UTF-8 bytes for the CSV parser, which decodes cells itself. UTF-8 input passes through
 * untouched after a validity check (no decode and re-encode); other encodings are decoded
 * and re-encoded.
 */
export async function* toUtf8Bytes(chunks: AsyncIterable<Buffer>, detection: EncodingDetection): AsyncGenerator<Buffer> {
  if (detection.encoding !== 'utf-8' && detection.encoding !== 'utf-8-bom') {
    for await (const text of decodeToStrings(chunks, detection)) yield Buffer.from(text, 'utf8');
    return;
  }
  let carry: Buffer | null = null;
  let offset = detection.bomLength;
  for await (const chunk of withoutBom(chunks, detection.bomLength)) {
    const joined: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    const cut = completeUtf8Length(joined);
    if (!isUtf8(joined.subarray(0, cut))) throw invalidText('utf-8', offset);
    carry = cut < joined.length ? Buffer.from(joined.subarray(cut)) : null;
    offset += chunk.length;
    yield chunk;
  }
  if (carry) throw invalidText('utf-8', offset);
}

function invalidText(label: string, nearByte: number): IngestInputError {
  const name = ENCODING_NAMES[label] ?? label;
  return new IngestInputError(
    'encoding-error',
    `The file started as ${name} text but has bytes that are not valid ${name} after byte ${nearByte.toLocaleString('en-GB')}. Save the whole file in one encoding (UTF-8 is best) and upload it again.`,
  );
}
