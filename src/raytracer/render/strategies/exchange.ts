// ppygmy.py's managed exchange, with one long-running process per core
// instead of one process per row.
import { task } from '../../../pprocess/process/callable.js';
import { ROW_WORKER_URL, type RowWorkerExport } from '../row-worker-url.js';
import type { Executor } from './executor.js';
import { closingOnFailure, spanPlan, workerCount } from './requests.js';
import { RowExchange } from './row-exchange.js';

/**
 * A `RowExchange` (`continuous`) managing a channel task per process: each
 * is started with the scene and its first rows, and `storeData` answers
 * every rows it stores with the next rows, so rows are handed out on demand.
 */
export const exchange: Executor = {
  name: 'exchange',
  async run(scene, { procs, signal, rowsPerTask: requested }, sink) {
    const workers = workerCount(scene, procs);
    const spans = spanPlan(scene.height, workers, requested);
    let next = 0;
    const rows = new RowExchange(sink, {
      limit: workers,
      continuous: true,
      signal,
      nextRows: () => spans[next++] ?? null,
    });
    const renderRowsManaged = rows.manage(task(ROW_WORKER_URL, 'renderRowsOnChannel' satisfies RowWorkerExport));
    await closingOnFailure(rows, async () => {
      while (next < Math.min(workers, spans.length)) await renderRowsManaged(scene, spans[next++]!);
      await rows.finish();
    });
  },
};
