// The library benchmarks at tiny sizes, one round: every alternative runs,
// checks its results, and ends what it started. No timings are asserted.
import { afterAll, describe, expect, test } from 'vitest';
import { runFirstResult } from '../../../bench/library/first-result.js';
import { formatLibraryReport } from '../../../bench/library/format-library.js';
import { runMessages } from '../../../bench/library/messages.js';
import { runTinyTasks } from '../../../bench/library/tiny-tasks.js';
import { waitForNoChildren } from '../helpers.js';

describe('library benchmarks', () => {
  afterAll(async () => {
    expect(await waitForNoChildren()).toEqual([]);
  });

  let tiny: Awaited<ReturnType<typeof runTinyTasks>>;
  let first: Awaited<ReturnType<typeof runFirstResult>>;
  let messages: Awaited<ReturnType<typeof runMessages>>;

  test('tiny tasks: pprocess, the peers and raw IPC each compute every task', async () => {
    tiny = await runTinyTasks({ tasks: 120, workers: 2, repeat: 1 });
    expect(tiny).toMatchObject({ tasks: 120, workers: 2, notInstalled: [] });
    expect(tiny.results.map((r) => r.name)).toEqual([
      'pprocess pmap, chunkSize auto',
      'pprocess Map pool, chunkSize auto',
      'pprocess Map pool, no chunks',
      'piscina 5.3.2 (threads)',
      'workerpool 10.0.3 (child processes)',
      'workerpool 10.0.3 (threads)',
      'one child, Node IPC (advanced), pipelined',
    ]);
    for (const r of tiny.results) expect(r.perSecond).toBeCloseTo(120 / r.summary.median);
  }, 60_000);

  test('time to first result: a bare node, start() fresh and prestarted', async () => {
    first = await runFirstResult({ repeat: 1 });
    expect(first.map((f) => f.name)).toEqual(['bare node, to its first output', 'bare node, to its exit', 'start(), fresh process', 'start(), prestarted process']);
    expect(first[0]!.vsBareNode).toBe(1);
    for (const f of first) expect(f.milliseconds).toHaveLength(1);
  }, 30_000);

  test('messages: small round trips and buffers over the Channel, Node IPC and the framed socket', async () => {
    messages = await runMessages({ roundTrips: 5, buffers: [{ bytes: 64 * 1024, count: 2 }], repeat: 1 });
    expect(messages.latency.results.map((r) => r.name)).toEqual(['pprocess Channel', 'Node IPC (advanced)', 'socket at fd 3 + codec']);
    expect(messages.buffers).toHaveLength(1);
    expect(messages.buffers[0]!.bytes).toBe(64 * 1024);
    const megabytes = (2 * 64 * 1024 * 2) / 1e6;
    for (const r of messages.buffers[0]!.results) expect(r.perSecond).toBeCloseTo(megabytes / r.summary.median);
  }, 30_000);

  test('the report names every table', () => {
    const text = formatLibraryReport({ repeat: 1, tiny, first, messages });
    for (const heading of ['Tiny tasks: 120 trivial tasks over 2 workers', 'Time to first result', 'Round trips of a small message', '64 kB Buffers']) {
      expect(text).toContain(heading);
    }
    expect(text).toMatch(/pprocess Map pool, chunkSize auto +[\d,.]+ tasks\/s +spread +\d+ % +[\d.]+× piscina/);
  });
});
