// pprocess rendering the benchmark's scene: each strategy through render(),
// its processes prestarted, and the default strategy's Map kept as a pool.
import { makeReusable, Map as ParallelMap, partial, prestart, start, task, type Channel } from '../pprocess/index.js';
import { render, type StrategyName } from '../raytracer/index.js';
import { renderRows, renderRowsOnChannel, type RowResult } from '../raytracer/render/row-worker.js';
import { ROW_WORKER_URL } from '../raytracer/render/row-worker-url.js';
import { assemblerFor, type Contender, type RenderJob } from './contender.js';

/**
 * `render(scene, { strategy, procs })`, exactly as the `render` command
 * calls it, after `prestart(procs, { refill: false })`: the processes have booted before the
 * timing starts, and each run hands its work to them.
 */
export function strategyContender(job: RenderJob, strategy: StrategyName): Contender {
  const { procs } = job;
  let image: Uint8Array | undefined;
  return {
    id: `pprocess-${strategy}-${procs}`,
    name: `pprocess ${strategy}`,
    family: 'pprocess',
    strategy,
    procs,
    cold: false,
    includes:
      'render() with the strategy, its processes prestarted (booted, idle) before timing: in the timing, loading the ' +
      'row code, a warm-up thumbnail per process, the rows, and ending the processes',
    // No replacements: booting them would compete with the render for the processors.
    prepare: () => prestart(procs, { refill: false }),
    async run() {
      image = (await render(job.scene, { strategy, procs, rowsPerTask: job.rowsPerTask })).data;
    },
    lastImage: async () => image!,
    // Spares wait without using the processor; end them with the last pprocess contender.
    close: () => prestart(0),
  };
}

/**
 * The `map` strategy's Map (reusable processes, the scene sent once with
 * `partial`, two spans in flight per process, spans read in order) created
 * once with `keepAlive`, so that its processes wait between runs as a
 * pool's workers do.
 */
export function mapPoolContender(job: RenderJob): Contender {
  const { procs, spans } = job;
  const pool = new ParallelMap<RowResult>({ limit: procs, reuse: true, keepAlive: true, inFlight: 2 });
  const renderSpan = partial(makeReusable(ROW_WORKER_URL, renderRows), job.scene);
  let image: Uint8Array | undefined;
  return {
    id: `pprocess-map-pool-${procs}`,
    name: 'pprocess map, pool',
    family: 'pprocess',
    strategy: 'map',
    procs,
    cold: false,
    includes:
      'a Map with reuse, keepAlive and inFlight 2, created before timing and warmed by the discarded first round: ' +
      'in the timing, sending every span and assembling the rows',
    prepare: async () => {},
    async run() {
      const rows = assemblerFor(job, 'pprocess pool');
      const first = pool.length;
      for (const span of spans) await pool.start(renderSpan, span);
      for (let i = 0; i < spans.length; i++) {
        const { y, pixels } = await pool.get(first + i);
        rows.accept(y, pixels);
      }
      image = rows.finish().data;
    },
    lastImage: async () => image!,
    close: () => pool.close(),
  };
}

/** Spans each process has in hand at once in `pipelinedContender`: the one it traces and the next. */
const IN_FLIGHT = 2;

/**
 * The row worker's channel task (`renderRowsOnChannel`, as the `exchange`
 * strategy runs it) on one process per worker, started in the warm-up
 * round and kept between runs, with two spans in flight per process: the
 * map pool's scheduling (`inFlight: 2`) written by hand over channels, a
 * check on what the Map itself costs.
 */
export function pipelinedContender(job: RenderJob): Contender {
  const { procs, spans } = job;
  const renderTask = task(ROW_WORKER_URL, renderRowsOnChannel);
  let channels: Channel[] = [];
  let image: Uint8Array | undefined;
  return {
    id: `pprocess-pipelined-${procs}`,
    name: 'pprocess channels, pipelined',
    family: 'pprocess',
    procs,
    cold: false,
    includes:
      'a channel task per process (renderRowsOnChannel), started in the discarded first round and kept: in the timing, ' +
      'sending every span with two in flight per process, and assembling the rows',
    prepare: async () => {},
    async run() {
      const rows = assemblerFor(job, 'pprocess channels');
      let next = 0;
      const fresh = channels.length === 0;
      if (fresh) channels = Array.from({ length: Math.min(procs, spans.length) }, () => start(renderTask, job.scene, spans[next++]!));
      const sends: Array<Promise<void>> = [];
      await Promise.all(
        channels.map(async (channel) => {
          let inFlight = 0;
          const feed = () => {
            while (inFlight < IN_FLIGHT && next < spans.length) {
              const sent = channel.send(spans[next++]!);
              // Awaited below with the others; marked handled now, so that a
              // failure shows as the run's error, not an unhandled rejection.
              sent.catch(() => {});
              sends.push(sent);
              inFlight++;
            }
          };
          if (fresh) inFlight = 1; // its first span came with start()
          feed();
          while (inFlight > 0) {
            const { y, pixels } = await channel.receive<RowResult>();
            inFlight--;
            feed();
            rows.accept(y, pixels);
          }
        }),
      );
      await Promise.all(sends);
      image = rows.finish().data;
    },
    lastImage: async () => image!,
    async close() {
      await Promise.all(channels.map((channel) => channel.send(null)));
      await Promise.all(channels.map((channel) => channel.wait()));
      for (const channel of channels) channel.close();
    },
  };
}
