// Queue, as ppygmy_queue.py used it: rows taken as they arrive.
import { Queue } from '../../../pprocess/exchange/queue.js';
import { makeReusable, partial } from '../../../pprocess/process/callable.js';
import { ROW_WORKER_URL, type RowWorkerExport } from '../row-worker-url.js';
import type { RowResult } from '../row-worker.js';
import type { Executor } from './executor.js';
import { closingOnFailure, spanPlan, workerCount } from './requests.js';

/** A `Queue` of reusable processes with a managed row function; rows placed by their number as they arrive. */
export const queue: Executor = {
  name: 'queue',
  async run(scene, { procs, signal, rowsPerTask: requested }, sink) {
    const workers = workerCount(scene, procs);
    const rows = new Queue<RowResult>({ limit: workers, reuse: true, signal });
    const renderRowsManaged = rows.manage(partial(makeReusable(ROW_WORKER_URL, 'renderRows' satisfies RowWorkerExport), scene));
    await closingOnFailure(rows, async () => {
      for (const span of spanPlan(scene.height, workers, requested)) await renderRowsManaged(span);
      for await (const { y, pixels } of rows) sink(y, pixels);
    });
  },
};
