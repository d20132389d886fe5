import fc from 'fast-check';
import { isoFromMicros } from '../../../functions/rows/render-values';

/** The date-time text of a count of microseconds, worked out in BigInt alone: what isoFromMicros must give. */
const byBigInt = (micros: bigint, instant: boolean): string | undefined => {
  let seconds = micros / 1_000_000n;
  let fraction = micros % 1_000_000n;
  if (fraction < 0n) {
    seconds -= 1n;
    fraction += 1_000_000n;
  }
  const date = new Date(Number(seconds) * 1000);
  if (Number.isNaN(date.getTime())) return undefined;
  const digits = fraction === 0n ? '' : `.${fraction.toString().padStart(6, '0').replace(/0+$/, '')}`;
  return `${date.toISOString().slice(0, 19)}${digits}${instant ? 'Z' : ''}`;
};

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

it('writes any count of microseconds as the BigInt arithmetic does, on either side of 2^53', () => {
  const near = (centre: bigint) => fc.bigInt({ min: centre - 3_000_000n, max: centre + 3_000_000n });
  const micros = fc.oneof(
    fc.bigInt({ min: -SAFE, max: SAFE }),
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
    near(0n),
    near(SAFE),
    near(-SAFE),
    fc.bigInt({ min: -SAFE / 1_000_000n, max: SAFE / 1_000_000n }).map((seconds) => seconds * 1_000_000n),
    fc.bigInt({ min: -SAFE / 1_000_000n, max: SAFE / 1_000_000n }).map((seconds) => seconds * 1_000_000n - 1n),
  );
  fc.assert(
    fc.property(micros, fc.boolean(), (value, instant) => {
      expect(isoFromMicros(value, instant)).toBe(byBigInt(value, instant));
    }),
    { numRuns: 20_000 },
  );
  expect(isoFromMicros(-1n, true)).toBe('1969-12-31T23:59:59.999999Z');
  expect(isoFromMicros(1_704_067_200_120_000n, false)).toBe('2024-01-01T00:00:00.12');
});
