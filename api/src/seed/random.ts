import { createHash } from 'node:crypto';

/**
 * mulberry32: tiny, fast and good enough for demo data. Each module draws from its
 * own stream (see `fork`), so changing how many numbers one module uses does not
 * reshuffle every module after it.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A fresh, independent stream named by `label`. */
  static forLabel(label: string): Rng {
    return new Rng(fnv1a(label));
  }

  /** [0, 1) */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** integer in [min, max] */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** real number in [min, max) */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: nothing to pick from');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new Error('Rng.weighted: no entries');
    return last[0];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  }

  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, count);
  }
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Deterministic ids in UUIDv7 layout: the row's own creation time in the first 48 bits
 * (so SQL Server's clustered indexes stay roughly append-ordered, like real ids) and a
 * hash of a stable key in the rest. Keys must be unique; reusing one is a generator bug.
 */
export class IdFactory {
  private readonly used = new Set<string>();

  make(key: string, atMs: number): string {
    if (this.used.has(key)) throw new Error(`seed id key used twice: ${key}`);
    this.used.add(key);
    const time = Math.max(0, Math.floor(atMs)).toString(16).padStart(12, '0').slice(-12);
    const hash = createHash('sha256').update(`tandem-demo:${key}`).digest('hex');
    const variant = ((parseInt(hash.slice(3, 4), 16) & 0x3) | 0x8).toString(16);
    return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hash.slice(0, 3)}-${variant}${hash.slice(4, 7)}-${hash.slice(7, 19)}`;
  }
}
