// The random sampler of the shaders. PyGmy drew from Python's global
// `random`; here every pixel gets its own stream, seeded by the scene seed
// and the pixel's position, so a pixel's samples do not depend on which
// process renders it or in what order.

const GOLDEN = 0x9e3779b9;

// The murmur3 finalizer: spreads every input bit over the whole word.
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of a seed and a pixel position. */
export function pixelSeed(seed: number, x: number, y: number): number {
  let h = mix32((seed >>> 0) ^ GOLDEN);
  h = mix32(h ^ Math.imul(x + 1, 0xcc9e2d51));
  return mix32(h ^ Math.imul(y + 1, 0x1b873593));
}

/** A small, fast pseudo-random generator (mulberry32), reseeded per pixel. */
export class PixelRng {
  #state = 0;

  /** Starts the stream of pixel (`x`, `y`) for the given seed. */
  reseed(seed: number, x: number, y: number): this {
    this.#state = pixelSeed(seed, x, y);
    return this;
  }

  /** The next value, uniform in [0, 1). */
  next(): number {
    return (this.#step() >>> 0) / 4294967296;
  }

  /** An integer in [`lo`, `hi`), like Python's `random.randrange(lo, hi)`. */
  int(lo: number, hi: number): number {
    // `next()` written out: a fraction returned from a call the engine does
    // not inline is boxed on the heap, and occlusion draws three per probe.
    return lo + Math.floor(((this.#step() >>> 0) / 4294967296) * (hi - lo));
  }

  // Advances the stream: the next 32 bits, as a signed integer (which the
  // engine passes around unboxed).
  #step(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return t ^ (t >>> 14);
  }
}
