// The default: a Map of reusable processes, one per core, fed row numbers.
import { ParallelMap } from '../../../pprocess/exchange/parallel-map.js';
import { makeReusable, partial } from '../../../pprocess/process/callable.js';
import { ROW_WORKER_URL, type RowWorkerExport } from '../row-worker-url.js';
import type { RowResult } from '../row-worker.js';
import type { Executor } from './executor.js';
import { closingOnFailure, spanPlan, workerCount } from './requests.js';

/**
 * `Map` with `limit` processes and `reuse`: each process receives the scene
 * once (`partial`), then the next few row numbers whenever it sends rows
 * back, so fast rows do not wait for slow ones; results are read in order.
 */
export const map: Executor = {
  name: 'map',
  async run(scene, { procs, signal, rowsPerTask: requested }, sink) {
    const workers = workerCount(scene, procs);
    // Two spans in hand per process: the next waits in its channel while it traces one.
    const results = new ParallelMap<RowResult>({ limit: workers, reuse: true, inFlight: 2, signal });
    const callable = partial(makeReusable(ROW_WORKER_URL, 'renderRows' satisfies RowWorkerExport), scene);
    await closingOnFailure(results, async () => {
      for (const span of spanPlan(scene.height, workers, requested)) {
        await results.start(callable, span);
      }
      for await (const { y, pixels } of results) sink(y, pixels);
    });
  },
};
