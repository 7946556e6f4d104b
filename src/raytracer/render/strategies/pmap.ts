// pmap, as ppygmy_pmap.py used it: a map over row numbers, here over
// reusable processes and in chunks of rows.
import { pmap as parallelMap } from '../../../pprocess/exchange/pmap.js';
import { makeReusable, partial } from '../../../pprocess/process/callable.js';
import { ROW_WORKER_URL, type RowWorkerExport } from '../row-worker-url.js';
import type { Executor } from './executor.js';
import { closingOnFailure, rowsPerTask, workerCount } from './requests.js';

/**
 * `pmap(renderRow, rowNumbers, { limit, reuse: true, chunkSize })`: one
 * result per row, pmap sending row numbers in chunks; read in row order.
 */
export const pmap: Executor = {
  name: 'pmap',
  async run(scene, { procs, signal, rowsPerTask: requested }, sink) {
    const workers = workerCount(scene, procs);
    const rows = Array.from({ length: scene.height }, (_, y) => y);
    const results = parallelMap<number, Uint8Array>(partial(makeReusable(ROW_WORKER_URL, 'renderRow' satisfies RowWorkerExport), scene), rows, {
      limit: workers,
      reuse: true,
      signal,
      chunkSize: rowsPerTask(scene.height, workers, requested),
    });
    await closingOnFailure(results, async () => {
      let y = 0;
      for await (const pixels of results) sink(y++, pixels);
    });
  },
};
