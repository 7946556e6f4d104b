// bottles: follows three files with three patterns at once (nine follower
// processes under three grep processes), prints the matching lines appended
// to the files, runs until it is told to stop, and takes all its processes
// with it when it goes.
import { appendFileSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, expect, test } from 'vitest';
import { openFiles } from '../helpers/process-tree.js';
import { endRunningExamples, ExampleRun, expectSigtermEndsAll } from '../helpers/run-example.js';

afterEach(endRunningExamples);

const sorted = (lines: string[]) => [...lines].sort();

test('bottles prints each appended line once per pattern it matches, until SIGTERM ends it and every process below it', async () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'bottles-')));
  try {
    const [test1, test2, test3] = ['test', 'test2', 'test3'].map((name) => join(dir, name)) as [string, string, string];
    // What is in the files already is not followed: following starts at their end.
    for (const file of [test1, test2, test3]) writeFileSync(file, 'old pants\n');
    const printed = () => run.stdout.split('\n').slice(0, -1);

    const run = new ExampleRun('examples/concurrency-sig/bottles.ts', ['--dir', dir]);
    await run.until('the nine followers to open their files', () => {
      const open = run.sample().flatMap(openFiles);
      return open.filter((path) => path === test1 || path === test2 || path === test3).length === 9;
    }, 30_000);
    // A follower finds the end of its file just after opening it.
    await delay(300);

    appendFileSync(test1, 'my pants are wet\nsocks\n');
    appendFileSync(test2, 'pants and trousers\n  shorts in summer  \n');
    appendFileSync(test3, 'nothing to see\n');
    const round1 = ['my pants are wet', 'pants and trousers', 'pants and trousers', 'shorts in summer'];
    await run.until('the first lines', () => printed().length >= round1.length, 10_000);

    appendFileSync(test3, 'trousers, pressed\nPants\n');
    appendFileSync(test1, 'denim\nshorts\n');
    const round2 = ['shorts', 'trousers, pressed'];
    await run.until('the next lines', () => printed().length >= round1.length + round2.length, 10_000);
    // Long enough for a line printed wrongly (or twice) to show up.
    await delay(500);

    const lines = printed();
    expect(sorted(lines.slice(0, round1.length))).toEqual(sorted(round1));
    expect(sorted(lines.slice(round1.length))).toEqual(sorted(round2));

    // Three grep processes, each with three followers.
    await expectSigtermEndsAll(run, 3 + 9);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
