// A simple word index: a parser that reads files and emits `[word, filename]`
// entries, an indexer that files them in a tree keyed by letters, and a
// searcher that finds the words beginning with a prefix.
// Port of the original's tests/Dict.py, used by start_indexer.
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** A word found in a file. */
export type Entry = [token: string, filename: string];

/** One level of the index: for each next letter, the level below it and the words ending there. */
export type Slot = Map<string, [below: Slot, words: Map<string, string[]>]>;

/** Reads files and emits each distinct word of each file once. */
export class Parser {
  constructor(
    readonly filenames: readonly string[],
    /** Seconds to sleep after each file, to simulate hard work. */
    readonly delay: number | null = null,
  ) {}

  /** Hands `[word, filename]` to `send` for each distinct word of each file, in order of appearance. */
  async sendEntries(send: (entry: Entry) => Promise<void>): Promise<void> {
    for (const filename of this.filenames) {
      const seen = new Set<string>();
      for (const token of (await readFile(filename, 'utf8')).split(/\s+/)) {
        if (token === '') continue;
        const word = strip(token);
        if (seen.has(word)) continue;
        seen.add(word);
        await send([word, filename]);
      }
      if (this.delay) await sleep(this.delay * 1000);
    }
  }
}

/**
 * The token's first run of letters and digits: what precedes it is skipped,
 * what follows it dropped ("(don't" gives "don"); "" if there is none.
 */
export function strip(token: string): string {
  return /[\p{L}\p{N}]+/u.exec(token)?.[0] ?? '';
}

/** Files entries in a tree keyed by the letters of each word. */
export class Indexer {
  readonly index: Slot = new Map();

  /** Adds `[token, filename]` (empty tokens are ignored). */
  addEntry([token, filename]: Entry): void {
    if (!token) return;
    let slot = this.index;
    let words: Map<string, string[]> | undefined;
    for (const c of token) {
      let level = slot.get(c);
      if (!level) slot.set(c, (level = [new Map(), new Map()]));
      [slot, words] = level;
    }
    const files = words!.get(token);
    if (files) files.push(filename);
    else words!.set(token, [filename]);
  }
}

/** Finds words in an index by prefix. */
export class Searcher {
  constructor(readonly index: Slot) {}

  /** Every word beginning with `pattern`, with the files it appears in; empty if there is none. */
  find(pattern: string): Map<string, string[]> {
    let slot = this.index;
    let words = new Map<string, string[]>();
    for (const c of pattern) {
      const level = slot.get(c);
      if (!level) return new Map();
      [slot, words] = level;
    }
    return new Map([...words, ...allWords(slot)]);
  }
}

// Every word filed under `slot`, at any depth.
function allWords(slot: Slot): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const c of [...slot.keys()].sort()) {
    const [below, words] = slot.get(c)!;
    for (const [word, files] of [...words, ...allWords(below)]) found.set(word, files);
  }
  return found;
}
