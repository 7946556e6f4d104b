import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { liveProcesses } from '../../../src/pprocess/process/registry.js';
import { prestart, start, task, waitall } from '../../../src/pprocess/index.js';
import { allGone } from '../../helpers/processes.js';

const tasks = new URL('../fixtures/tasks.ts', import.meta.url);

afterEach(async () => {
  await prestart(0);
});

describe('prestart()', () => {
  test('start() hands the task to a process already started, which takes on the environment and directory of now', async () => {
    const before = new Set(liveProcesses().map((child) => child.pid));
    await prestart(2);
    const spares = liveProcesses().map((child) => child.pid!).filter((pid) => !before.has(pid));
    expect(spares).toHaveLength(2);

    const dir = mkdtempSync(join(tmpdir(), 'pprocess-spare-'));
    const cwd = process.cwd();
    process.env.PPROCESS_TEST_VALUE = 'set after the spares started';
    process.chdir(dir);
    try {
      const channel = start(task(tasks, 'surroundings'), 'PPROCESS_TEST_VALUE');
      const seen = await channel.receive<{ pid: number; value: string; cwd: string }>();
      expect(spares).toContain(seen.pid);
      expect(seen.value).toBe('set after the spares started');
      expect(seen.cwd).toBe(dir);
    } finally {
      process.chdir(cwd);
      delete process.env.PPROCESS_TEST_VALUE;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a taken process is replaced, waitall() does not wait for waiting ones, prestart(0) ends them', async () => {
    await prestart(1);
    const channel = start(task(tasks, 'echo'), 'hello');
    expect(await channel.receive()).toBe('hello');
    await waitall();
    await prestart(1);
    const waiting = liveProcesses().map((child) => child.pid!);
    expect(waiting.length).toBeGreaterThanOrEqual(1);
    await prestart(0);
    await allGone(waiting, 2000);
  });

  test('with refill false, taken processes are not replaced and later tasks start new ones', async () => {
    const before = new Set(liveProcesses().map((child) => child.pid));
    await prestart(2, { refill: false });
    const spares = liveProcesses().map((child) => child.pid!).filter((pid) => !before.has(pid));
    expect(spares).toHaveLength(2);

    const pids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const channel = start(task(tasks, 'surroundings'), 'HOME');
      pids.push((await channel.receive<{ pid: number }>()).pid);
      await channel.wait();
      // A replacement would have started in the turn after start() took the
      // spare (a setImmediate), long before the task's result came back.
      const started = liveProcesses().map((child) => child.pid!).filter((pid) => !before.has(pid) && !spares.includes(pid));
      expect(started, `after task ${i}`).toEqual([]);
    }
    expect(pids.slice(0, 2).sort()).toEqual([...spares].sort());
    expect(spares).not.toContain(pids[2]);
  });

  test('refuses a refill that is not a boolean', async () => {
    await expect(prestart(1, { refill: 'no' as unknown as boolean })).rejects.toThrow(TypeError);
  });

  test.each([-1, 1.5, Number.NaN])('refuses count %s', async (count) => {
    await expect(prestart(count)).rejects.toThrow(RangeError);
  });
});
