// Created processes that compute without yielding end with a creator killed
// by SIGKILL, with the kernel's parent-death signal (setpriv) and without it
// (the watchdog thread, see src/pprocess/process/watchdog.ts).
import { once } from 'node:events';
import { describe, expect, test } from 'vitest';
import { allGone, isAlive, killAll, lineMatching, runScript } from '../helpers/processes.js';

const creator = 'test/reliability/fixtures/busy-creator.ts';
// The watchdog looks every 100 ms; the rest is room for a loaded machine.
const GONE_WITHIN_MS = 3000;

describe.each([
  ['with a parent-death signal', {}],
  ['without a parent-death signal', { PPROCESS_NO_PDEATHSIG: '1' }],
])('busy children of a creator killed with SIGKILL end, %s', (_, env: Record<string, string>) => {
  test.each(['start', 'create'])('children made with %s()', async (how) => {
    const child = runScript(creator, [how], { env });
    // Its exit, not its pipes' close: children that survive it hold its output open.
    const exited = once(child, 'exit');
    const pids = (await lineMatching(child, /^children ([\d ]+)$/))[1]!.split(' ').map(Number);
    try {
      expect(pids.length).toBeGreaterThan(0);
      expect(pids.every(isAlive)).toBe(true);
      child.kill('SIGKILL');
      expect((await exited)[1]).toBe('SIGKILL');
      await allGone(pids, GONE_WITHIN_MS);
    } finally {
      killAll(pids);
    }
  }, 60_000);
});
