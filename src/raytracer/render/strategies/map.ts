// The default: a Map of reusable processes, one per core, fed row numbers.
import { makeReusable, Map as ParallelMap } from '../../../pprocess/index.js';
import { renderRow, ROW_WORKER_URL, type RowResult } from '../row-worker.js';
import type { Executor } from './executor.js';
import { closingOnFailure, rowRequests, workerCount } from './requests.js';

/**
 * `Map` with `limit` processes and `reuse`: each process receives the scene
 * once, then a row number whenever it sends a row back, so fast rows do not
 * wait for slow ones; results are read in row order.
 */
export const map: Executor = {
  name: 'map',
  description: 'Map of reusable processes: the scene sent once, then row numbers',
  async run(scene, { procs, signal }, sink) {
    const workers = workerCount(scene, procs);
    const results = new ParallelMap<RowResult>({ limit: workers, reuse: true, signal });
    const callable = makeReusable(ROW_WORKER_URL, renderRow);
    await closingOnFailure(results, async () => {
      for (const request of rowRequests(scene, workers)) await results.start(callable, request);
      for await (const { y, pixels } of results) sink(y, pixels);
    });
  },
};
