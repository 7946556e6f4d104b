// No created process outlives its creator, however the creator ends.
import { describe, expect, test } from 'vitest';
import { allGone, isAlive, killAll, lineMatching, outcome, runScript } from '../../helpers/processes.js';

const creator = 'test/pprocess/fixtures/creator.ts';

// Without the parent-death signal, the creator's signal handlers and the
// children's watch on their channel must do the job.
const fallback = { PPROCESS_NO_PDEATHSIG: '1' };

async function startCreator(mode: string, busy = 'wait', env: Record<string, string> = {}) {
  const child = runScript(creator, [mode, busy], { env });
  const ended = outcome(child);
  const match = await lineMatching(child, /^children (\d+) (\d+)$/);
  const pids = [Number(match[1]), Number(match[2])];
  return { child, ended, pids };
}

describe('created processes end with their creator', () => {
  test('when the creator finishes normally', async () => {
    const { ended, pids } = await startCreator('finish');
    expect((await ended).exitCode).toBe(0);
    await allGone(pids, 2000);
  });

  test('when the creator throws', async () => {
    const { ended, pids } = await startCreator('throw');
    const result = await ended;
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('the creator failed');
    await allGone(pids, 2000);
  });

  test.each(['SIGINT', 'SIGTERM'] as const)('when the creator receives %s', async (signal) => {
    const { child, ended, pids } = await startCreator('wait');
    expect(pids.every(isAlive)).toBe(true);
    child.kill(signal);
    expect((await ended).signal).toBe(signal);
    await allGone(pids, 2000);
  });

  test.each(['SIGINT', 'SIGTERM'] as const)('when the creator receives %s, without a parent-death signal', async (signal) => {
    const { child, ended, pids } = await startCreator('wait', 'wait', fallback);
    child.kill(signal);
    expect((await ended).signal).toBe(signal);
    await allGone(pids, 2000);
  });

  test.each([
    ['wait', {}],
    ['spin', {}],
    ['wait, without a parent-death signal', fallback],
  ])('when the creator is killed with SIGKILL (children that %s)', async (busy, env) => {
    const { child, ended, pids } = await startCreator('wait', busy.split(',')[0], env);
    try {
      child.kill('SIGKILL');
      await ended;
      await allGone(pids, 2000);
    } finally {
      killAll(pids);
    }
  });
});
