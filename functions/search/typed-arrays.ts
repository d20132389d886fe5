type NumberArray = Int32Array | Uint16Array | Uint8Array | Float64Array;

/** A new array of `length` with the first `keep` entries of `array` (all that fit, by default); the rest zero. */
export const resized = <T extends NumberArray>(array: T, length: number, keep = Math.min(array.length, length)): T => {
  const next = new (array.constructor as new (length: number) => T)(length);
  next.set(array.subarray(0, keep) as ArrayLike<number>);
  return next;
};
