// pmap, as ppygmy_pmap.py used it, over reusable processes.
import { makeReusable, pmap as parallelMap } from '../../../pprocess/index.js';
import { renderRows, ROW_WORKER_URL, type RowRequest, type RowResult } from '../row-worker.js';
import type { Executor } from './executor.js';
import { closingOnFailure, rowRequests, rowsPerTask, workerCount } from './requests.js';

/** `pmap(renderRows, requests, { limit, reuse: true })`, results iterated in row order. */
export const pmap: Executor = {
  name: 'pmap',
  description: 'pmap over row requests with reusable processes, in row order',
  async run(scene, { procs, signal, rowsPerTask: requested }, sink) {
    const workers = workerCount(scene, procs);
    const requests = rowRequests(scene, workers, rowsPerTask(scene.height, workers, requested));
    const results = parallelMap<RowRequest, RowResult>(makeReusable(ROW_WORKER_URL, renderRows), requests, {
      limit: workers,
      reuse: true,
      signal,
    });
    await closingOnFailure(results, async () => {
      for await (const { y, pixels } of results) sink(y, pixels);
    });
  },
};
