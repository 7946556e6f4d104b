// Static splitting: the baseline that dynamic row scheduling beats when
// rows differ in cost.
import { ParallelMap } from '../../../pprocess/exchange/parallel-map.js';
import { makeParallel, partial } from '../../../pprocess/process/callable.js';
import { ROW_WORKER_URL, type RowWorkerExport } from '../row-worker-url.js';
import type { RowResult, RowSpan } from '../row-worker.js';
import type { Executor } from './executor.js';
import { closingOnFailure, workerCount } from './requests.js';

/**
 * One contiguous band of rows per process, decided up front (`Map.call`
 * with `makeParallel(renderRows)`, the scene fixed by `partial`): when the costly rows fall in one band,
 * the other processes finish early and wait.
 */
export const staticSplit: Executor = {
  name: 'static',
  async run(scene, { procs, signal }, sink) {
    const workers = workerCount(scene, procs);
    const bands: RowSpan[] = Array.from({ length: workers }, (_, i) => {
      const y = Math.floor((i * scene.height) / workers);
      return { y, rows: Math.floor(((i + 1) * scene.height) / workers) - y };
    });
    const results = new ParallelMap<RowResult>({ limit: workers, signal });
    await closingOnFailure(results, async () => {
      results.call(partial(makeParallel(ROW_WORKER_URL, 'renderRows' satisfies RowWorkerExport), scene), bands);
      for await (const { y, pixels } of results) sink(y, pixels);
    });
  },
};
