/**
 * A small seeded PRNG (mulberry32): the demo must be the same for the same seed, in the browser
 * and in Node, so Math.random is never used.
 */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /**
   * A whole number uniform in [min, max): the demo's times, which stores keep as whole
   * milliseconds (PostgreSQL's bigint refuses a fraction), as every real clock gives them.
   */
  between(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }
}

/** Picks among items by weight in O(log n). */
export class WeightedPicker<T> {
  readonly #items: readonly T[];
  readonly #cumulative: number[] = [];

  constructor(items: readonly T[], weight: (item: T) => number) {
    let sum = 0;
    for (const item of items) this.#cumulative.push((sum += Math.max(0, weight(item))));
    if (sum <= 0) throw new Error('nothing to pick: every weight is 0');
    this.#items = items;
  }

  pick(random: Random): T {
    const target = random.next() * this.#cumulative.at(-1)!;
    let low = 0;
    let high = this.#cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#cumulative[mid]! > target) high = mid;
      else low = mid + 1;
    }
    return this.#items[low]!;
  }
}

/** A stable 32-bit hash of a string (FNV-1a), to derive per-organization seeds. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
