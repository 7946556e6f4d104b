// The pools a user would pick instead of pprocess, rendering the same spans
// with the same raytracer code: piscina (worker threads) and workerpool
// (child processes). Each pool is created before timing, as its users do.
import type { Piscina as PiscinaPool } from 'piscina';
import type workerpoolModule from 'workerpool';
import type { RowSpan } from '../../raytracer/render/row-worker.js';
import { assemblerFor, type Contender, type RenderJob } from '../contender.js';
import { childExecArgv, sibling, threadEntry } from './module-files.js';

/** The piscina module, as `loadPeer('piscina')` gives it. */
export type PiscinaModule = { Piscina: typeof PiscinaPool };
/** The workerpool module, as `loadPeer('workerpool')` gives it. */
export type WorkerpoolModule = { default: typeof workerpoolModule };

// Every span queued at once; rows placed as they arrive.
async function renderAll(job: RenderJob, source: string, renderSpan: (span: RowSpan) => Promise<Uint8Array>): Promise<Uint8Array> {
  const rows = assemblerFor(job, source);
  await Promise.all(job.spans.map(async (span) => rows.accept(span.y, await renderSpan(span))));
  return rows.finish().data;
}

/** piscina with `procs` worker threads, the scene sent once per thread as `workerData`. */
export function piscinaContender(job: RenderJob, { Piscina }: PiscinaModule): Contender {
  const module = sibling(import.meta.url, './piscina-worker');
  const pool = new Piscina<RowSpan, Uint8Array>({
    filename: threadEntry(module),
    workerData: { scene: job.scene, module: module.href },
    minThreads: job.procs,
    maxThreads: job.procs,
    idleTimeout: Number.MAX_SAFE_INTEGER,
  });
  let image: Uint8Array | undefined;
  return {
    id: `piscina-${job.procs}`,
    name: 'piscina',
    family: 'piscina',
    procs: job.procs,
    cold: false,
    includes:
      'a Piscina pool (worker threads) created before timing and warmed by the discarded first round: in the timing, ' +
      'running every span (pixels moved back) and assembling the rows',
    prepare: async () => {},
    async run() {
      image = await renderAll(job, 'piscina', (span) => pool.run(span));
    },
    lastImage: async () => image!,
    close: () => pool.destroy(),
  };
}

/** workerpool with `procs` child processes (advanced serialization), the scene given once per process. */
export function workerpoolContender(job: RenderJob, { default: workerpool }: WorkerpoolModule): Contender {
  const module = sibling(import.meta.url, './workerpool-worker');
  const pool = workerpool.pool(module.pathname, {
    workerType: 'process',
    minWorkers: job.procs,
    maxWorkers: job.procs,
    forkArgs: [JSON.stringify(job.scene)],
    // Bytes travel as bytes, as with pprocess, instead of as JSON.
    forkOpts: { serialization: 'advanced', execArgv: childExecArgv(module) },
  });
  let image: Uint8Array | undefined;
  return {
    id: `workerpool-${job.procs}`,
    name: 'workerpool',
    family: 'workerpool',
    procs: job.procs,
    cold: false,
    includes:
      'a workerpool pool (child processes, advanced serialization) created before timing and warmed by the discarded ' +
      'first round: in the timing, running every span and assembling the rows',
    prepare: async () => {},
    async run() {
      image = await renderAll(job, 'workerpool', (span) => pool.exec('renderSpan', [span]) as Promise<Uint8Array>);
    },
    lastImage: async () => image!,
    close: async () => {
      await pool.terminate();
    },
  };
}
