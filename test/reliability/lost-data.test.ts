// A task that sends without awaiting and then returns loses nothing: its
// process ends only once the creator has every value. Each case runs
// PPROCESS_LOST_DATA_ROUNDS rounds (default 3); run it with 200 to soak.
import { describe, expect, test } from 'vitest';
import { ChannelClosedError, Queue, start, task, type Channel } from '../../src/pprocess/index.js';

const sendWithoutAwaiting = task(
  new URL('./fixtures/unawaited-sends.ts', import.meta.url),
  'sendWithoutAwaiting',
);
const rounds = roundCount(process.env.PPROCESS_LOST_DATA_ROUNDS);
// A round of 60,000 values takes about three seconds on two cores.
const perRoundMs = 15_000;

function roundCount(text: string | undefined): number {
  if (text === undefined) return 3;
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`PPROCESS_LOST_DATA_ROUNDS must be a whole number of rounds of at least 1, not "${text}"`);
  }
  return count;
}

// Every value producer p sends, p * count + i for i below count, in order.
function expectedFrom(producers: number, count: number): number[] {
  return Array.from({ length: producers * count }, (_, value) => value);
}

async function throughContinuousQueue(producers: number, count: number): Promise<number[]> {
  const queue = new Queue<number>({ continuous: true, limit: producers });
  for (let producer = 0; producer < producers; producer++) await queue.start(sendWithoutAwaiting, producer, count);
  const received: number[] = [];
  for await (const value of queue) received.push(value);
  return received;
}

async function throughStartedChannels(producers: number, count: number): Promise<number[]> {
  const channels: Channel[] = Array.from({ length: producers }, (_, producer) => start(sendWithoutAwaiting, producer, count));
  const received: number[] = [];
  await Promise.all(channels.map(async (channel) => {
    for (let i = 0; i < count; i++) received.push(await channel.receive<number>());
    // Nothing more comes, and the process said it finished: its channel
    // ends cleanly (a ProcessExitError would say it exited before finishing).
    await expect(channel.receive()).rejects.toBeInstanceOf(ChannelClosedError);
    expect(channel.finished).toBe(true);
  }));
  return received;
}

describe.each([
  ['a continuous Queue', throughContinuousQueue],
  ['start() and a receive() loop', throughStartedChannels],
])('sends nobody awaited all arrive, through %s', (_, run) => {
  test.each([[1, 5_000], [3, 20_000]])('%i producer(s) of %i values each', async (producers, count) => {
    for (let round = 0; round < rounds; round++) {
      const received = await run(producers, count);
      expect({ round, count: received.length }).toEqual({ round, count: producers * count });
      expect(received.sort((a, b) => a - b)).toEqual(expectedFrom(producers, count));
    }
  }, rounds * perRoundMs);
});
