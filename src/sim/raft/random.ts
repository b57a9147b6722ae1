export { mulberry32 } from '../../shared/random';

/** Mixes a 32-bit fingerprint with a value (used for log-prefix fingerprints). */
export function mix(h: number, v: number): number {
  let x = (h ^ Math.imul(v + 0x9e3779b9, 0x85ebca6b)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}
