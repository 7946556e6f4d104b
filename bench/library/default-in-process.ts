// The in-process side of the "defaults" benchmark: pmap with no options
// against the same call on reused processes and against piscina, a warm
// Map pool with one message per task against piscina, and round trips over
// a Channel against the bare socket at fd 3 with the codec.
import { makeParallel, makeReusable, pmap, type Callable, type Map as ParallelMap, type PmapOptions } from 'pprocess';
// Not public API, so from dist/ by path: the `bench` command's peer loading, module paths, peer
// pools and statistics.
import { loadPeer } from '../../dist/render-bench/peers/load-peer.js';
import { sibling } from '../../dist/render-bench/peers/module-files.js';
import type { PiscinaModule } from '../../dist/render-bench/peers/peer-contenders.js';
import { elapsedMs } from '../../dist/render-bench/stats.js';
import { measureOf, rateRow, timeRow, type DefaultsRow } from './default-rows.js';
import type { TrialSet } from './default-programs.js';
import { startEchoPeers, type EchoPeer } from './echo-peers.js';
import { sampledTrial, type SampledTrial } from './sampled-trial.js';
import { double } from './tasks.js';
import { mapPool, piscinaPool } from './tiny-tasks.js';

/** Sizes of the in-process measures. */
export interface InProcessCounts {
  /** Items of the pmap against reused processes (200). */
  readonly items: number;
  /** Small-message round trips, one at a time (2,000). */
  readonly roundTrips: number;
  /** Tiny tasks through the Map pool, pmap and piscina (20,000). */
  readonly tasks: number;
  /** Workers of the Map pool and of piscina (2). */
  readonly workers: number;
  /**
   * The longest a pmap run may take, in seconds: past it, the run stops at
   * the next result and its time is extrapolated to every item.
   */
  readonly capSeconds: number;
}

const TASKS = sibling(import.meta.url, './tasks').href;
const SMALL = { id: 7, op: 'ping', at: 0 };

/** Starts the peers and pools (untimed) and returns the in-process trials. */
export async function inProcessTrials({ items, roundTrips, tasks, workers, capSeconds }: InProcessCounts): Promise<TrialSet> {
  const piscina = await loadPeer<PiscinaModule>('piscina');
  if (!piscina) throw new Error('The defaults benchmark compares with piscina, which is not installed: npm install (it is a development dependency)');
  const few = range(items);
  const many = range(tasks);
  const capped = (options?: PmapOptions) => (list: number[]) =>
    cappedPmap(options?.reuse ? makeReusable(TASKS, double) : makeParallel(TASKS, double), list, options, capSeconds);
  const pmapDefault = cappedTrial(`pmap, default options, ${items} items`, `pmap(makeParallel(double), range(${items})) with no options: the whole call and every result`,
    few, capped());
  const pmapReused = cappedTrial(`pmap, { reuse: true }, ${items} items`, `pmap(makeReusable(double), range(${items}), { reuse: true }): the same call on reused processes, started inside the timing`,
    few, capped({ reuse: true }));
  const pmapMany = cappedTrial(`pmap, default options, ${tasks} items`, `pmap(makeParallel(double), range(${tasks})) with no options: the whole call and every result`,
    many, capped());

  const pool = mapPool(workers, 1);
  const threads = piscinaPool(piscina, workers);
  const mapTasks = sampledTrial(`${pool.name}, ${tasks} tasks`, pool.includes, checkedRun(many, (list) => pool.run(list)), { close: () => pool.close() });
  const piscinaTasks = sampledTrial(`${threads.name}, ${tasks} tasks`, threads.includes, checkedRun(many, (list) => threads.run(list)), { close: () => threads.close() });

  const [channel, framed] = (await startEchoPeers(['channel', 'framed'])) as [EchoPeer, EchoPeer];
  const roundTripsOf = (peer: EchoPeer) => async () => {
    for (let i = 0; i < roundTrips; i++) await peer.roundTrip(SMALL);
  };
  const each = `${roundTrips} round trips of ${JSON.stringify(SMALL)}, one at a time, to a process started before timing`;
  const channelTrips = sampledTrial(`${channel.name}, ${roundTrips} round trips`, each, roundTripsOf(channel));
  const framedTrips = sampledTrial(`${framed.name}, ${roundTrips} round trips`, each, roundTripsOf(framed), {
    close: async () => void (await Promise.all([channel.close(), framed.close()])),
  });

  return {
    trials: [pmapDefault, pmapReused, channelTrips, framedTrips, mapTasks, piscinaTasks, pmapMany],
    rows(samples) {
      const measure = (trial: SampledTrial & { capped?: boolean[] }, units?: number) => {
        const timed = samples(trial);
        return measureOf(trial.name, trial.includes, timed, { units, extrapolated: trial.capped?.slice(-timed.length).some(Boolean) });
      };
      const piscinaRate = measure(piscinaTasks, tasks);
      return [
        timeRow('pmap-defaults-vs-reused', `pmap with default options over ${items} trivial items against the same call with { reuse: true }`,
          measure(pmapDefault), measure(pmapReused), { comparison: 'at most', ratio: 1.5 }),
        rateRow('channel-vs-socket', `small-message round trips over a Channel against the bare fd-3 socket with the codec`,
          measure(channelTrips, roundTrips), measure(framedTrips, roundTrips), { comparison: 'at least', ratio: 0.9 }),
        rateRow('map-tasks-vs-piscina', `${tasks.toLocaleString('en-US')} tiny tasks, one message each, through a Map (${workers} workers) against piscina`,
          measure(mapTasks, tasks), piscinaRate, { comparison: 'at least', ratio: 1.5 }),
        rateRow('pmap-defaults-vs-piscina', `pmap with default options over ${tasks.toLocaleString('en-US')} tiny items against piscina`,
          measure(pmapMany, tasks), piscinaRate, { comparison: 'more than', ratio: 1 }),
      ];
    },
  };
}

// A trial of a pmap over `list` that reports its own samples, and which of them were capped.
function cappedTrial(name: string, includes: string, list: number[], run: (list: number[]) => Promise<{ seconds: number; capped: boolean }>): SampledTrial & { capped: boolean[] } {
  const capped: boolean[] = [];
  const trial = sampledTrial(name, includes, async () => {
    const outcome = await run(list);
    capped.push(outcome.capped);
    return outcome.seconds;
  });
  return Object.assign(trial, { capped });
}

/**
 * Runs `pmap(callable, list, options)` and collects its results in order;
 * once `capSeconds` have passed, stops at the next result, ends the Map and
 * scales the time taken up to every item. Throws on a wrong result.
 */
export async function cappedPmap(callable: Callable<[number], number>, list: readonly number[], options: PmapOptions | undefined, capSeconds: number): Promise<{ seconds: number; capped: boolean }> {
  const started = performance.now();
  // No options object at all for the defaults, as a newcomer writes it.
  const map: ParallelMap<number> = options ? pmap<number, number>(callable, list, options) : pmap<number, number>(callable, list);
  let done = 0;
  for await (const value of map) {
    if (value !== double(list[done]!)) throw new Error(`pmap returned ${value} for item ${done}, not ${double(list[done]!)}`);
    done++;
    if (done < list.length && elapsedMs(started) > capSeconds * 1000) break;
  }
  const seconds = elapsedMs(started) / 1000;
  if (done === list.length) return { seconds, capped: false };
  await map.close();
  return { seconds: (seconds * list.length) / done, capped: true };
}

// A run of `run` over `list` that checks every double.
function checkedRun(list: number[], run: (list: number[]) => Promise<number[]>) {
  return async () => {
    const results = await run(list);
    if (results.length !== list.length || results.some((value, i) => value !== double(list[i]!))) throw new Error('a pool returned wrong results');
  };
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}
