// start_indexer: indexes a directory of text files with parsing processes,
// then answers the queries piped to it. The answers are checked against what
// the test knows it wrote into each file, not against the example's own parser.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { allGone } from '../../helpers/processes.js';
import { endRunningExamples, runExample } from '../helpers/run-example.js';

afterEach(endRunningExamples);

// Seven files: file k holds the words whose number is a multiple of k + 1,
// each dressed in punctuation the parser must strip, and the same words
// again (each word is indexed once per file).
const WORDS = ['apple', 'apricot', 'banana', 'band', 'bandana', 'cherry', 'chess', 'date', 'dates', 'x42', '42'];
const FILES = 7;
const wordsOf = (k: number) => WORDS.filter((_, n) => n % (k + 1) === 0);

let dir: string;
const fileName = (k: number) => join(dir, `file${k}.txt`);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'indexer-'));
  for (let k = 0; k < FILES; k++) {
    const text = wordsOf(k).map((word, n) => (n % 2 ? `(${word}),` : `"${word}!"`)).join(' ');
    writeFileSync(fileName(k), `${text}\n  ${wordsOf(k).join('\t')} --\n`);
  }
  // Only files are indexed.
  mkdirSync(join(dir, 'subdirectory'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The answer to a query: each word starting with it, with the files holding it.
function expectedAnswer(prefix: string): string {
  const answer: Record<string, string[]> = {};
  for (const word of [...WORDS].sort()) {
    if (!word.startsWith(prefix)) continue;
    answer[word] = Array.from({ length: FILES }, (_, k) => k).filter((k) => wordsOf(k).includes(word)).map(fileName).sort();
  }
  return JSON.stringify(answer);
}

test('start_indexer answers each query with the matching words and their files', async () => {
  const queries = ['ap', 'band', 'bandana', 'c', 'date', '4', 'x', 'zebra', 'applesauce', ''];
  // Seven files, two to a parsing task, at most two processes at once: the window is refilled, on processes the pool reuses.
  const result = await runExample('examples/tests/start_indexer.ts', [dir, '--window', '2', '--slice', '2'], queries.join('\n') + '\n');

  expect(result).toMatchObject({ exitCode: 0, stderr: '' });
  const answers = queries.map((query) => `Pattern: ${expectedAnswer(query)}\n`).join('');
  expect(result.stdout).toBe(`${answers}Pattern: \n`);
  const created = [...result.descendants.values()].filter((command) => command.includes('child-runtime'));
  expect(created.length).toBeGreaterThanOrEqual(1);
  expect(created.length).toBeLessThanOrEqual(2);
  await allGone([...result.descendants.keys()], 3000);
});

test('start_indexer --noprompt indexes and exits without reading queries', async () => {
  const result = await runExample('examples/tests/start_indexer.ts', [dir, '--noprompt', '--delay', '0.01']);
  expect(result).toMatchObject({ exitCode: 0, stderr: '', stdout: '' });
});

test('start_indexer without a directory explains how to run it', async () => {
  const result = await runExample('examples/tests/start_indexer.ts');
  expect(result.exitCode).toBe(1);
  expect(result.stdout).toMatch(/^Usage: start_indexer DIRECTORY/);
});
