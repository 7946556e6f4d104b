// ppygmy.py's managed exchange, with one long-running process per core
// instead of one process per row.
import { task } from '../../../pprocess/index.js';
import { renderRowsOnChannel, ROW_WORKER_URL } from '../row-worker.js';
import type { Executor } from './executor.js';
import { closingOnFailure, workerCount } from './requests.js';
import { RowExchange } from './row-exchange.js';

/**
 * A `RowExchange` (`continuous`) managing a channel task per process: each
 * is started with the scene and a first row, and `storeData` answers every
 * row it stores with the next row number, so rows are handed out on demand.
 */
export const exchange: Executor = {
  name: 'exchange',
  description: 'Exchange subclass whose channel tasks get rows on demand',
  async run(scene, { procs, signal }, sink) {
    const workers = workerCount(scene, procs);
    let next = workers;
    const rows = new RowExchange(sink, {
      limit: workers,
      continuous: true,
      signal,
      nextRow: () => (next < scene.height ? next++ : null),
    });
    const renderRows = rows.manage(task(ROW_WORKER_URL, renderRowsOnChannel));
    await closingOnFailure(rows, async () => {
      for (let first = 0; first < workers; first++) await renderRows(scene, first);
      await rows.finish();
    });
  },
};
