// pmap, as ppygmy_pmap.py used it, over reusable processes.
import { makeReusable, pmap as parallelMap } from '../../../pprocess/index.js';
import { renderRow, ROW_WORKER_URL, type RowRequest, type RowResult } from '../row-worker.js';
import type { Executor } from './executor.js';
import { closingOnFailure, rowRequests, workerCount } from './requests.js';

/** `pmap(renderRow, requests, { limit, reuse: true })`, results iterated in row order. */
export const pmap: Executor = {
  name: 'pmap',
  description: 'pmap over row requests with reusable processes, in row order',
  async run(scene, { procs, signal }, sink) {
    const workers = workerCount(scene, procs);
    const callable = makeReusable(ROW_WORKER_URL, renderRow);
    const results = parallelMap<RowRequest, RowResult>(callable, rowRequests(scene, workers), {
      limit: workers,
      reuse: true,
      signal,
    });
    await closingOnFailure(results, async () => {
      for await (const { y, pixels } of results) sink(y, pixels);
    });
  },
};
