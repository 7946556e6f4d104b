import type { Socket } from 'node:net';
import { expect, test } from 'vitest';
import { Inbox, type Received } from '../../../src/pprocess/channel/inbox.js';
import type { SocketLink } from '../../../src/pprocess/channel/socket-link.js';

const MiB = 1024 * 1024;

// The inbox only pauses and resumes its link: record what it asks for.
function recordingLink(): { link: SocketLink; calls: string[] } {
  const calls: string[] = [];
  const link = { pause: () => calls.push('pause'), resume: () => calls.push('resume') } as unknown as SocketLink;
  return { link, calls };
}

function message(value: number, bytes: number): Received {
  return { kind: 'data', value, bytes, from: {} as Socket };
}

test('stops reading above the high-water mark even after many messages went straight to waiting receives', async () => {
  const { link, calls } = recordingLink();
  const inbox = new Inbox(link, async (received) => (received.kind === 'data' ? received.value : undefined), () => {});

  // Ten 1 MiB messages, each taken by a receive() already waiting.
  for (let i = 0; i < 10; i++) {
    const receiving = inbox.receive(() => undefined);
    inbox.deliver(message(i, MiB));
    expect(await receiving).toBe(i);
  }
  expect(calls).not.toContain('pause');

  // Then 17 MiB that nobody receives: past the 16 MiB mark, reading must stop.
  for (let i = 0; i < 17; i++) inbox.deliver(message(100 + i, MiB));
  expect(calls).toContain('pause');
  expect(inbox.length).toBe(17);

  // Taking them resumes reading once below half the mark, and keeps their order.
  const taken: unknown[] = [];
  for (let i = 0; i < 17; i++) taken.push(await inbox.receive(() => undefined));
  expect(taken).toEqual(Array.from({ length: 17 }, (_, i) => 100 + i));
  expect(calls.at(-1)).toBe('resume');
});
