// bottles_heartbeat: the bottles processes, with a printer that says when no
// line came for a while; it prints the matching lines appended to the files
// between its notices, and takes all its processes with it when it goes.
import { appendFileSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { openFiles } from '../helpers/process-tree.js';
import { endRunningExamples, ExampleRun, expectSigtermEndsAll } from '../helpers/run-example.js';

afterEach(endRunningExamples);

const NOTICE = 'No input received for 300 ms.';

test('bottles_heartbeat prints a notice for each quiet spell and the matching lines between them, until SIGTERM ends it and every process below it', async () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'bottles-heartbeat-')));
  try {
    const files = ['test', 'test2', 'test3'].map((name) => join(dir, name)) as [string, string, string];
    for (const file of files) writeFileSync(file, '');
    const printed = () => run.stdout.split('\n').slice(0, -1);
    const lines = () => printed().filter((line) => line !== NOTICE);

    const run = new ExampleRun('examples/concurrency-sig/bottles_heartbeat.ts', ['--dir', dir, '--delay', '300']);
    await run.until('the nine followers to open their files', () => run.sample().flatMap(openFiles).filter((path) => files.includes(path)).length === 9, 60_000);
    // Quiet files: notices, and nothing else.
    await run.until('two notices', () => printed().filter((line) => line === NOTICE).length >= 2, 10_000);
    expect(lines()).toEqual([]);

    // A follower finds the end of its file just after opening it: append until the first line shows.
    await run.until('a first line', () => {
      if (lines().length === 0) appendFileSync(files[0], 'warm-up pants\n');
      return lines().length > 0;
    }, 10_000);
    const before = printed().length;
    appendFileSync(files[1], 'shorts and trousers\n');
    await run.until('the line once per pattern it matches', () => lines().filter((line) => line === 'shorts and trousers').length >= 2, 10_000);
    await run.until('a notice after it', () => printed().slice(before).includes(NOTICE), 10_000);
    expect(lines().filter((line) => line !== 'warm-up pants')).toEqual(['shorts and trousers', 'shorts and trousers']);

    // Three grep processes, each with three followers.
    await expectSigtermEndsAll(run, 3 + 9);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
