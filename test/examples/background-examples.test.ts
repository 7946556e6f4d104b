// The background examples: work started by one program that then exits, and
// collected by a new program from the background processes it left; and
// both in one run. The rows must be those the sequential twin prints.
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  backgroundPids,
  expectNothingLeft,
  removeSocketDirectory,
  socketDirectory,
} from '../pprocess/persistent/background-helpers.js';
import { expectedRows, gridArgs, runGridExample } from './helpers/grid-output.js';
import { endRunningExamples, runExample } from './helpers/run-example.js';

const N = 2;
const limit = 4;
const delay = 0.1;

/** A background example, what it prints when starting, and what before its rows when collecting. */
interface BackgroundExample {
  program: string;
  /** Background processes it leaves running after `--start`. */
  processes: number;
  started: string[];
  collecting: string[];
}

const examples: BackgroundExample[] = [
  {
    program: 'simple_background_queue',
    processes: 1,
    started: ['Discarded the callable.'],
    collecting: ['Opening a queue.', 'Waiting for persistent results'],
  },
  {
    program: 'simple_persistent_queue',
    processes: N,
    started: ['Discarded the callable.'],
    collecting: ['Opening a queue.', 'Waiting for persistent results'],
  },
  {
    program: 'simple_persistent_managed',
    processes: 1,
    started: ['Closed original exchange.'],
    collecting: ['Opening new exchange.', 'Waiting for persistent results'],
  },
];

let twinRows: string[];
let dir: string;

beforeAll(async () => {
  twinRows = (await runGridExample('simple2', N, 1, 0)).output.rows;
  expect(twinRows).toEqual(expectedRows(N));
});

beforeEach(() => {
  dir = socketDirectory();
});

afterEach(async () => {
  await endRunningExamples();
  removeSocketDirectory(dir);
});

// Runs an example with the grid settings and `flags`; its lines, less the final "Time taken".
async function run(program: string, flags: string[]): Promise<string[]> {
  const result = await runExample(`examples/${program}.ts`, [...gridArgs(N, limit, delay), '--dir', dir, ...flags]);
  expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({ exitCode: 0, stderr: '' });
  const lines = result.stdout.split('\n');
  expect(lines.pop()).toBe('');
  if (flags.includes('--start')) return lines;
  expect(lines.pop()).toMatch(/^Time taken: \d/);
  return lines;
}

describe.each(examples)('$program', ({ program, processes, started, collecting }) => {
  test('--start leaves the work running; --reconnect, a new program, collects what the twin prints', async () => {
    expect(await run(program, ['--start'])).toEqual(started);
    // The starting program has exited; its background processes go on.
    expect(backgroundPids(dir)).toHaveLength(processes);

    expect(await run(program, ['--reconnect'])).toEqual([...collecting, ...twinRows]);
    await expectNothingLeft(dir);
  });
});

describe.each(examples.filter(({ program }) => program !== 'simple_persistent_queue'))('$program', (example) => {
  test('without flags, starts and collects in one run', async () => {
    expect(await run(example.program, [])).toEqual([...example.started, ...example.collecting, ...twinRows]);
    await expectNothingLeft(dir);
  });
});
