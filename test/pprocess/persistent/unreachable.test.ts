// A background process whose socket file is deleted or replaced can never be
// reached again: it notices, says so in its log, and ends.
import { readFileSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { backgroundCallable, task } from '../../../src/pprocess/index.js';
import { allGone, sleep } from '../../helpers/processes.js';
import { backgroundPids, removeSocketDirectory, socketDirectory } from './background-helpers.js';

const tasks = new URL('./fixtures/background-tasks.ts', import.meta.url);
// It checks every second; the rest is room for a loaded machine.
const ENDS_WITHIN_MS = 5000;
let dir: string;

beforeEach(() => {
  dir = socketDirectory();
});

afterEach(() => {
  removeSocketDirectory(dir);
});

async function startJob(): Promise<{ address: string; log: string; pid: number }> {
  const address = join(dir, 'job.socket');
  const log = join(dir, 'job.log');
  await backgroundCallable(address, task(tasks, 'echoAll'), { log })();
  const [pid] = backgroundPids(dir);
  expect(pid).toBeGreaterThan(0);
  return { address, log, pid: pid! };
}

// The log once it holds `text`; its content so far after `timeoutMs`.
async function logHolding(log: string, text: string, timeoutMs = ENDS_WITHIN_MS): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const content = readFileSync(log, 'utf8');
    if (content.includes(text) || Date.now() > deadline) return content;
    await sleep(25);
  }
}

describe('a background process whose socket file is gone', () => {
  test('ends once the file is deleted, saying why in its log', async () => {
    const { address, log, pid } = await startJob();
    unlinkSync(address);
    await allGone([pid], ENDS_WITHIN_MS);
    expect(await logHolding(log, 'was deleted')).toContain(`the socket file ${address} was deleted`);
  });

  test('ends once the file is replaced, leaving the new one alone', async () => {
    const { address, log, pid } = await startJob();
    // Another process takes the address: ours is moved aside, a new socket made there.
    renameSync(address, join(dir, 'moved-aside.socket'));
    const other: Server = createServer();
    await new Promise<void>((resolve) => other.listen(address, resolve));
    try {
      const theirs = statSync(address).ino;
      await allGone([pid], ENDS_WITHIN_MS);
      expect(await logHolding(log, 'was replaced')).toContain(`the socket file ${address} was replaced by another file`);
      expect(statSync(address).ino).toBe(theirs);
    } finally {
      other.close();
    }
  });
});
