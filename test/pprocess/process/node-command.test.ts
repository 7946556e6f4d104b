import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { PProcessError, prestart, start, task } from '../../../src/pprocess/index.js';
import { liveProcesses } from '../../../src/pprocess/process/registry.js';

const tasks = new URL('../fixtures/tasks.ts', import.meta.url);

// The flags a newly started process reports in its process.execArgv.
async function flagsOfNewProcess(): Promise<string[]> {
  const channel = start(task(tasks, 'nodeFlags'));
  const flags = await channel.receive<string[]>();
  await channel.wait();
  return flags;
}

describe('the Node.js flags of created processes', () => {
  // Flags are read when a process boots: each test needs a new one, not one from the pool.
  beforeEach(async () => {
    await prestart(0);
  });

  afterEach(() => {
    delete process.env.PPROCESS_NODE_FLAGS;
  });

  test('by default, V8 runs its garbage collector on the process’s own thread only', async () => {
    expect(await flagsOfNewProcess()).toContain('--single-threaded-gc');
  });

  test('PPROCESS_NODE_FLAGS replaces the defaults', async () => {
    process.env.PPROCESS_NODE_FLAGS = ' --max-old-space-size=123   --stack-size=2000 ';
    const flags = await flagsOfNewProcess();
    expect(flags).toEqual(expect.arrayContaining(['--max-old-space-size=123', '--stack-size=2000']));
    expect(flags).not.toContain('--single-threaded-gc');
  });

  test('an empty PPROCESS_NODE_FLAGS gives none', async () => {
    process.env.PPROCESS_NODE_FLAGS = '';
    expect(await flagsOfNewProcess()).not.toContain('--single-threaded-gc');
  });

  test('a word that is not a flag is refused before a process starts, naming the variable and the word', () => {
    process.env.PPROCESS_NODE_FLAGS = '--stack-size 2000';
    const before = liveProcesses().length;
    let error: unknown;
    try {
      start(task(tasks, 'nodeFlags'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PProcessError);
    expect((error as PProcessError).code).toBe('ERR_NODE_FLAGS');
    expect((error as Error).message).toMatch(/PPROCESS_NODE_FLAGS.*"2000"/);
    expect(liveProcesses().length).toBe(before);
  });
});
