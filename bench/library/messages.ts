// Messages between two processes: the round-trip latency of a small
// message, and the throughput of 1 MB and 64 MB buffers, over pprocess's
// Channel and the raw transports it could be built on.
// Not public API, so from dist/ by path: the `bench` command's interleaving.
import { interleave, type Trial } from '../../dist/render-bench/interleave.js';
import { startEchoPeers, type EchoPeer } from './echo-peers.js';
import { rateOf, type RateResult } from './rates.js';

/** How much to send. */
export interface MessageOptions {
  /** Round trips of a small message per timed run. */
  readonly roundTrips: number;
  /** Buffer sizes in bytes, with how many round trips of each per timed run. */
  readonly buffers: ReadonlyArray<{ readonly bytes: number; readonly count: number }>;
  readonly repeat: number;
  readonly log?: (line: string) => void;
}

/** Round trips per second, and megabytes per second for each buffer size (both directions counted). */
export interface MessageReport {
  readonly latency: { readonly message: string; readonly results: RateResult[] };
  readonly buffers: ReadonlyArray<{ readonly bytes: number; readonly results: RateResult[] }>;
}

const SMALL = { id: 7, op: 'ping', at: 0 };

/** Runs the message benchmarks, each peer started before timing. */
export async function runMessages({ roundTrips, buffers, repeat, log }: MessageOptions): Promise<MessageReport> {
  const peers = await startEchoPeers();
  const trials: Trial[] = [];
  const sequential = (peer: EchoPeer, message: unknown, count: number) => async () => {
    for (let i = 0; i < count; i++) await peer.roundTrip(message);
  };
  for (const peer of peers) trials.push({ name: `${peer.name}: small message`, run: sequential(peer, SMALL, roundTrips) });
  for (const { bytes, count } of buffers) {
    const buffer = Buffer.alloc(bytes, 7);
    for (const peer of peers) {
      trials.push({
        name: `${peer.name}: ${label(bytes)}`,
        run: sequential(peer, buffer, count),
        // An echo of the wrong length is not an echo.
        check: async () => {
          const back = (await peer.roundTrip(buffer)) as Uint8Array;
          if (back.length !== bytes) throw new Error(`${peer.name} echoed ${back.length} bytes of ${bytes}`);
        },
      });
    }
  }
  // The peers end with the last trial.
  trials[trials.length - 1] = { ...trials[trials.length - 1]!, close: async () => void (await Promise.all(peers.map((p) => p.close()))) };
  const seconds = await interleave(trials, { repeat, log });
  let next = 0;
  const take = (units: number, includes: string) => peers.map((peer) => rateOf(peer.name, includes, units, seconds[next++]!));
  const latency = { message: JSON.stringify(SMALL), results: take(roundTrips, `${roundTrips} round trips, one at a time`) };
  const sized = buffers.map(({ bytes, count }) => ({
    bytes,
    results: take((2 * bytes * count) / 1e6, `${count} round trips of a ${label(bytes)} Buffer, one at a time (MB counted both ways)`),
  }));
  return { latency, buffers: sized };
}

/** `1 MB`, `64 MB`, `100 B`. */
export function label(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : bytes >= 1024 ? `${bytes / 1024} kB` : `${bytes} B`;
}
