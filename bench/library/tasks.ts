// The tasks of the library benchmarks, for created processes and peer
// workers to import: trivial work, so that what is measured is the cost of
// handing it out.
import type { Channel } from 'pprocess';

/** The trivial task: twice its argument. */
export function double(n: number): number {
  return n * 2;
}

/** Answers at once: the first result of a process just started. */
export function ready(): number {
  return process.pid;
}

/** A channel task: sends back every message it receives, until `null`. */
export async function echo(channel: Channel): Promise<void> {
  for (let message = await channel.receive(); message !== null; message = await channel.receive()) {
    await channel.send(message);
  }
}
