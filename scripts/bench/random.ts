/**
 * A small seeded generator (mulberry32): the synthetic datasets must come out
 * byte for byte the same on every run, so nothing here may touch Math.random.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number
  pick<T>(items: readonly T[]): T
  chance(probability: number): boolean
  /** `length` characters from `alphabet`. */
  chars(length: number, alphabet: string): string
}

export function seeded(seed: number): Random {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick from an empty list')
      return items[int(0, items.length - 1)] as T
    },
    chance: (probability) => next() < probability,
    chars(length, alphabet) {
      let out = ''
      for (let i = 0; i < length; i++) out += alphabet[int(0, alphabet.length - 1)]
      return out
    },
  }
}

/** Mixes a base seed with an index (FNV-1a over both), so post i is the same in every dataset size. */
export function seedFor(base: number, index: number): number {
  let hash = 0x811c9dc5
  for (const value of [base, index]) {
    for (let shift = 0; shift < 32; shift += 8) {
      hash ^= (value >>> shift) & 0xff
      hash = Math.imul(hash, 0x01000193) >>> 0
    }
  }
  return hash
}
