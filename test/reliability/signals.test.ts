// SIGTERM to a creator in the middle of a pmap does the same with and without
// the parent-death signal: an app's own handler decides (the library leaves
// its created processes alone); with no handler the app dies of the signal.
// Either way, no created process outlives the app.
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { allGone, isAlive, killAll, lineMatching, outcome, runScript, sleep } from '../helpers/processes.js';

const app = 'test/reliability/fixtures/signalled-app.ts';
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pprocess-signals-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// The pids of the running tasks, once both have started.
async function runningTasks(timeoutMs = 20_000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pids = readdirSync(dir).filter((name) => name.startsWith('pid-')).map((name) => Number(name.slice(4)));
    if (pids.length === 2) return pids;
    if (Date.now() > deadline) throw new Error(`only ${pids.length} of 2 tasks started within ${timeoutMs} ms`);
    await sleep(20);
  }
}

async function startApp(how: string, env: Record<string, string>) {
  const child = runScript(app, [how, dir], { env });
  const ended = outcome(child);
  const exited = once(child, 'exit');
  const pids = await runningTasks();
  return { child, ended, exited, pids };
}

describe.each([
  ['with a parent-death signal', {}],
  ['without a parent-death signal', { PPROCESS_NO_PDEATHSIG: '1' }],
])('SIGTERM in the middle of a pmap, %s', (_, env: Record<string, string>) => {
  test('an app with its own graceful handler completes the batch', async () => {
    const { child, ended, pids } = await startApp('graceful', env);
    try {
      child.kill('SIGTERM');
      await lineMatching(child, /^stopping after this batch$/);
      // The library left the tasks running: release them and get their results.
      expect(pids.every(isAlive)).toBe(true);
      writeFileSync(join(dir, 'release'), '');
      const result = await ended;
      expect(result.stderr).toBe('');
      expect(result).toMatchObject({ exitCode: 0, signal: null });
      expect(result.stdout).toContain('results 2 4');
      await allGone(pids, 3000);
    } finally {
      killAll(pids);
    }
  }, 60_000);

  test('an app whose handler exits ends its created processes as it exits', async () => {
    const { child, exited, pids } = await startApp('exit', env);
    try {
      child.kill('SIGTERM');
      expect(await exited).toEqual([3, null]);
      await allGone(pids, 3000);
    } finally {
      killAll(pids);
    }
  }, 60_000);

  test('an app with no handler dies of the signal, and its created processes end', async () => {
    const { child, exited, pids } = await startApp('none', env);
    try {
      child.kill('SIGTERM');
      expect(await exited).toEqual([null, 'SIGTERM']);
      await allGone(pids, 3000);
    } finally {
      killAll(pids);
    }
  }, 60_000);
});
