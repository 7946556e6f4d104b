// start_indexer: indexes the text files of a directory in parallel, then
// answers queries typed at a prompt. Created processes each parse a slice of
// the files and send their words back one by one; the creator watches a
// window of channels with an Exchange (`ready()`, no subclass), filling the
// window again as processes finish, and builds one index from all the words.
// Each query (a word or the start of one) is answered with the matching
// words and the files they appear in.
//
//   npx tsx examples/tests/start_indexer.ts DIRECTORY [--window 4] [--slice 5] [--delay S] [--noprompt]
//
// Twin of the original's tests/start_indexer.py.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import * as pprocess from '../../src/pprocess/index.js';
import { seconds } from '../support/settings.js';
import { Indexer, Parser, Searcher, type Entry } from './dict.js';

const USAGE = `Usage: start_indexer DIRECTORY [--window W] [--slice S] [--delay SECONDS] [--noprompt]
Indexes the files in DIRECTORY, then prints the words beginning with each line typed.
  --window W        W parsing processes at once (default 4)
  --slice S         S files given to each parsing process (default 5)
  --delay SECONDS   each parsing process pauses this long after each file, as if working hard
  --noprompt        index, then exit without reading queries`;

/** Parses `filenames`, sending each `[word, filename]` over `channel`, sleeping `delay` seconds after each file. */
export async function applyParser(channel: pprocess.Channel, filenames: string[], delay: number | null): Promise<void> {
  await new Parser(filenames, delay).sendEntries((entry) => channel.send(entry));
}

/**
 * Starts parsers on slices of `slice` filenames from index `i` on, until
 * `window` channels are active in `exchange`. Returns the index of the first
 * filename not yet given to a parser.
 */
function fillWindow(
  filenames: readonly string[], i: number, window: number, exchange: pprocess.Exchange, slice: number, delay: number | null,
): number {
  const room = window - exchange.active().length;
  for (let started = 0; i < filenames.length && started < room; started++) {
    exchange.add(pprocess.start(pprocess.task(import.meta.url, applyParser), filenames.slice(i, i + slice), delay));
    i += slice;
  }
  return i;
}

/** Indexes `filenames` with at most `window` parsers at once, each given `slice` files, and returns a searcher. */
async function getSearcher(filenames: readonly string[], window: number, slice: number, delay: number | null): Promise<Searcher> {
  const masterIndex = new Indexer();
  const exchange = new pprocess.Exchange();
  let i = fillWindow(filenames, 0, window, exchange, slice, delay);

  while (exchange.active().length > 0) {
    for (const channel of await exchange.ready()) masterIndex.addEntry(await channel.receive<Entry>());
    i = fillWindow(filenames, i, window, exchange, slice, delay);
  }
  return new Searcher(masterIndex.index);
}

/** A search result as one line: the words in order, each with its files in order. */
export function formatMatches(matches: ReadonlyMap<string, readonly string[]>): string {
  const sorted = [...matches].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(Object.fromEntries(sorted.map(([word, files]) => [word, [...files].sort()])));
}

if (pprocess.isMain(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      window: { type: 'string', default: '4' },
      slice: { type: 'string', default: '5' },
      delay: { type: 'string' },
      noprompt: { type: 'boolean', default: false },
    },
  });
  const directory = positionals[0];
  const window = Number(values.window);
  const slice = Number(values.slice);
  if (directory === undefined || !(window >= 1 && slice >= 1 && Number.isInteger(window) && Number.isInteger(slice))) {
    console.log(USAGE);
    process.exit(1);
  }
  const delay = values.delay === undefined ? null : seconds('--delay', values.delay, 0);

  const filenames = readdirSync(directory)
    .map((name) => join(directory, name))
    .filter((filename) => statSync(filename).isFile());

  const searcher = await getSearcher(filenames, window, slice, delay);

  // Answer queries until the input ends.
  if (!values.noprompt) {
    process.stdout.write('Pattern: ');
    for await (const pattern of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
      console.log(formatMatches(searcher.find(pattern)));
      process.stdout.write('Pattern: ');
    }
    process.stdout.write('\n');
  }
}
