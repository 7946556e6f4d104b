// Math.random as create() needs it: drawn from a seeded generator, so that a
// created process replaying the program draws the numbers its creator drew
// and takes the same path (a loop that skips iterations at random, say).
// Installed once per process, whichever copy of this library loads first.

/** The generator's state: its seed and how many numbers it has given. */
export interface ReplayRandom {
  seed: number;
  draws: number;
  /** Starts the sequence again from `seed` (in a replay). */
  reseed(seed: number): void;
}

const RANDOM = Symbol.for('pprocess.replayRandom');

/** The process's replayable Math.random, installed on first use. */
export function replayRandom(): ReplayRandom {
  const global = globalThis as typeof globalThis & { [RANDOM]?: ReplayRandom };
  global[RANDOM] ??= install();
  return global[RANDOM];
}

// xoshiro128**, seeded through splitmix32: fast, and 53 random bits per number as V8's own.
function install(): ReplayRandom {
  const s = new Uint32Array(4);
  const state: ReplayRandom = {
    seed: 0,
    draws: 0,
    reseed(seed: number) {
      state.seed = seed >>> 0;
      state.draws = 0;
      let x = state.seed;
      for (let i = 0; i < 4; i++) {
        x = (x + 0x9e3779b9) >>> 0;
        let z = x;
        z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
        z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
        s[i] = (z ^ (z >>> 16)) >>> 0;
      }
    },
  };
  const next = (): number => {
    const result = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = s[1]! << 9;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  };
  // Seeded from the engine's own generator, before it is replaced: no need of node:crypto.
  state.reseed(Math.random() * 2 ** 32);
  Math.random = function random(): number {
    state.draws++;
    // 21 high bits of one draw and 32 of the next: a double in [0, 1).
    return ((next() >>> 11) * 4294967296 + next()) / 9007199254740992;
  };
  return state;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
