// Load: many tasks, large messages, many channels, long streams. Nothing
// lost, nothing leaked.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { Channel, makeReusable, pmap, Queue, start, task } from '../../src/pprocess/index.js';

const tasks = new URL('../pprocess/fixtures/tasks.ts', import.meta.url);
const openDescriptors = () => readdirSync('/proc/self/fd').length;

// Closed sockets are released a few turns later: poll, with a deadline, until
// the count is back at `baseline`; resolves with the last count.
async function descriptorsSettle(baseline: number, timeoutMs = 5000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (openDescriptors() > baseline && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return openDescriptors();
}
const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('load', () => {
  test('10,000 tasks through a Map with 2 processes: every result present, in order', async () => {
    const items = [...Array(10_000).keys()];
    const results = await pmap(makeReusable(tasks, 'double'), items, { limit: 2, reuse: true }).toArray();
    expect(results).toEqual(items.map((i) => 2 * i));
  }, 120_000);

  test('64 MB messages round-trip intact', async () => {
    const message = Buffer.alloc(64 * 1024 * 1024);
    for (let i = 0; i < message.length; i += 4096) message.writeUInt32LE(i, i);
    const channel = start(task(tasks, 'echoOnce'));
    await channel.send(message);
    const back = await channel.receive<Buffer>();
    expect(back.length).toBe(message.length);
    expect(digest(back)).toBe(digest(message));
    await channel.wait();
  }, 60_000);

  test('1,000 channels opened and closed in a loop leave the open descriptors at the baseline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pprocess-fds-'));
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(dir, 'socket'), resolve));
    const baseline = openDescriptors();
    for (let round = 0; round < 1000; round++) {
      const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
      const client = new Channel(connect(join(dir, 'socket')), { pid: 0 });
      const peer = new Channel(await accepted, { pid: 0 });
      const received = peer.receive();
      await client.send(round);
      expect(await received).toBe(round);
      client.close();
      peer.close();
    }
    expect(await descriptorsSettle(baseline)).toBeLessThanOrEqual(baseline);
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  test('created processes started and ended in a loop leave the open descriptors at the baseline', async () => {
    const baseline = openDescriptors();
    for (let round = 0; round < 6; round++) {
      const channel = start(task(tasks, 'echo'), round);
      expect(await channel.receive()).toBe(round);
      await channel.wait();
    }
    expect(await descriptorsSettle(baseline)).toBeLessThanOrEqual(baseline);
  }, 60_000);

  test('a long continuous stream to a slow consumer keeps memory bounded', async () => {
    const queue = new Queue<Buffer>({ continuous: true });
    await queue.start(task(tasks, 'bigProducer'), 200, 1024 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    let peak = 0;
    let count = 0;
    for await (const chunk of queue) {
      expect(chunk.length).toBe(1024 * 1024);
      count++;
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - before);
      if (count % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(count).toBe(200);
    // 200 MB went through; what was held at once (garbage not yet collected included) stayed far below.
    expect(peak).toBeLessThan(64 * 1024 * 1024);
  }, 60_000);
});
