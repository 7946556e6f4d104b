import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, expect, test } from 'vitest';
import { measureCpu, threadTimes } from '../../../bench/profile/cpu-time.js';
import type { Contender } from '../../../src/render-bench/contender.js';
import { allGone, lineMatching, sleep } from '../../helpers/processes.js';

const started: ChildProcess[] = [];

afterEach(async () => {
  for (const child of started.splice(0)) child.kill('SIGKILL');
});

// A child spinning on the processor, once its JavaScript runs.
async function spinningChild(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'console.log("spinning"); for (;;) {}'], { stdio: ['ignore', 'pipe', 'ignore'] });
  started.push(child);
  await lineMatching(child, /^spinning$/);
  return child;
}

// A contender whose run is `run`: measureCpu uses nothing else.
function contender(run: () => Promise<void>): Contender {
  return { run } as unknown as Contender;
}

test('counts the processor time of this process when the run computes here', async () => {
  const sample = await measureCpu(contender(async () => {
    const from = process.cpuUsage();
    while (process.cpuUsage(from).user < 200_000) { /* burn 200 ms of CPU */ }
  }));
  expect(sample.selfMs).toBeGreaterThanOrEqual(150); // /proc counts in 10 ms ticks
  expect(sample.wallMs).toBeGreaterThanOrEqual(sample.selfMs * 0.5);
});

test('counts the processor time of running children, not of this process, when the run waits on them', async () => {
  const child = await spinningChild();
  const sample = await measureCpu(contender(() => sleep(400)));
  expect(sample.childrenMs).toBeGreaterThan(0);
  expect(sample.selfMs).toBeLessThan(sample.childrenMs);
  child.kill('SIGKILL');
  await allGone([child.pid!], 3000);
});

test('lists every thread of a process with its processor time and context switches', async () => {
  const child = await spinningChild();
  // /proc counts processor time in ticks: wait for the spinning thread's first.
  const deadline = Date.now() + 5000;
  let threads = threadTimes(child.pid!);
  while (!(threads.find((thread) => thread.tid === child.pid)!.cpuMs > 0) && Date.now() < deadline) {
    await sleep(20);
    threads = threadTimes(child.pid!);
  }
  const main = threads.find((thread) => thread.tid === child.pid);
  expect(threads.length).toBeGreaterThan(1); // Node.js runs helper threads beside the JavaScript one
  expect(main?.cpuMs).toBeGreaterThan(0);
  for (const thread of threads) {
    expect(thread.pid).toBe(child.pid);
    expect(Number.isInteger(thread.voluntarySwitches) && Number.isInteger(thread.involuntarySwitches)).toBe(true);
  }
  child.kill('SIGKILL');
  await allGone([child.pid!], 3000);
});
