/**
 * Seeded randomness and time. Object ids and fault draws come from the seed so that a failing run can be
 * repeated exactly; timestamps come from a clock that never repeats, so every change is visible to a
 * `last_modified` filter even when two happen in the same millisecond.
 */

/** mulberry32: small, fast and good enough to pick faults and id prefixes. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 24-hex ids like the vendor's (MongoDB-style). A seeded 10-hex prefix plus a counter keeps them unique,
 * repeatable for a seed, and sorting in creation order.
 */
export function objectIdGenerator(random: () => number): () => string {
  const prefix = Array.from({ length: 10 }, () => Math.floor(random() * 16).toString(16)).join('');
  let counter = 0;
  return () => {
    counter += 1;
    return prefix + counter.toString(16).padStart(14, '0');
  };
}

/** Milliseconds that strictly increase from one call to the next. */
export function monotonicClock(): () => number {
  let last = 0;
  return () => {
    last = Math.max(Date.now(), last + 1);
    return last;
  };
}
