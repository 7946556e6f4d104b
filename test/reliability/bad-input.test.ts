// Garbage on the wire: the codec and a channel answer with ProtocolError,
// never a crash, a hang or an allocation the peer chose.
import { createServer, connect, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { Channel } from '../../src/pprocess/index.js';
import { encodeFrame, FrameDecoder } from '../../src/pprocess/codec/frame-codec.js';
import { ProtocolError } from '../../src/pprocess/errors.js';

// A seeded generator, so that a failure can be replayed.
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('FrameDecoder fed garbage', () => {
  test.each([1, 2, 3, 4, 5, 6, 7, 8])('random bytes (seed %i): frames or a ProtocolError, nothing else', (seed) => {
    const next = random(seed);
    const decoder = new FrameDecoder(64 * 1024);
    try {
      for (let chunk = 0; chunk < 200; chunk++) {
        const bytes = Buffer.from(Array.from({ length: 1 + Math.floor(next() * 300) }, () => Math.floor(next() * 256)));
        for (const frame of decoder.push(bytes)) expect(frame.body.length).toBeLessThanOrEqual(64 * 1024);
        expect(decoder.buffered).toBeLessThanOrEqual(64 * 1024 + 4);
      }
    } catch (error) {
      // Garbage may happen to frame correctly for a while; it must then fail cleanly.
      expect(error).toBeInstanceOf(ProtocolError);
    }
  });

  test('a truncated frame is reported when the stream ends', () => {
    const [header, body] = encodeFrame(1, Buffer.alloc(100));
    const decoder = new FrameDecoder();
    decoder.push(Buffer.concat([header, body]).subarray(0, 50));
    expect(() => decoder.end()).toThrow(ProtocolError);
  });

  test('an oversized length prefix is refused before any allocation', () => {
    const decoder = new FrameDecoder(1024 * 1024);
    const header = Buffer.from([0x7f, 0xff, 0xff, 0xff, 1]);
    const before = process.memoryUsage().arrayBuffers;
    expect(() => decoder.push(header)).toThrow(/exceeds the maximum of 1048576 bytes/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1024 * 1024);
  });
});

describe('a Channel fed garbage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pprocess-garbage-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // A connected pair of sockets in this process: one end for a Channel, the other for the test.
  async function socketPair(name: string): Promise<[Socket, Socket]> {
    const path = join(dir, name);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path, resolve));
    const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
    const client = connect(path);
    const pair: [Socket, Socket] = [await accepted, client];
    server.close();
    return pair;
  }

  test.each([
    ['random bytes', Buffer.from('this is not a frame at all, not even close'.repeat(3))],
    ['an unknown frame kind', Buffer.concat(encodeFrame(99, Buffer.from('x')))],
    ['a data frame whose body is not a serialized value', Buffer.concat(encodeFrame(1, Buffer.from([0xff, 0x0f, 0x99, 0x99])))],
  ])('%s end the channel with a ProtocolError', async (name, garbage) => {
    const [mine, theirs] = await socketPair(name.replace(/\W+/g, '-'));
    const channel = new Channel(mine, { pid: 0, maxFrameBytes: 1024 });
    const pending = channel.receive();
    theirs.write(garbage);
    await expect(pending).rejects.toBeInstanceOf(ProtocolError);
    await expect(channel.send('anything')).rejects.toBeInstanceOf(ProtocolError);
    theirs.destroy();
  });

  test('a well-formed message after the garbage of another channel still arrives', async () => {
    const [mine, theirs] = await socketPair('clean');
    const channel = new Channel(mine, { pid: 0 });
    const { serialize } = await import('node:v8');
    theirs.write(Buffer.concat(encodeFrame(1, serialize({ fine: true }))));
    expect(await channel.receive()).toEqual({ fine: true });
    channel.close();
    theirs.destroy();
  });
});
