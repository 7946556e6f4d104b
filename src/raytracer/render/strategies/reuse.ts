// ppygmy_reuse.py: the managed exchange with reusable processes.
import { makeReusable, partial } from '../../../pprocess/process/callable.js';
import { ROW_WORKER_URL, type RowWorkerExport } from '../row-worker-url.js';
import type { Executor } from './executor.js';
import { closingOnFailure, spanPlan, workerCount } from './requests.js';
import { RowExchange } from './row-exchange.js';

/** A `RowExchange` with `reuse`, managing `makeReusable(renderRows)`: the exchange feeds each finished process the next rows. */
export const reuse: Executor = {
  name: 'reuse',
  async run(scene, { procs, signal, rowsPerTask: requested }, sink) {
    const workers = workerCount(scene, procs);
    const rows = new RowExchange(sink, { limit: workers, reuse: true, signal });
    const renderRowsManaged = rows.manage(partial(makeReusable(ROW_WORKER_URL, 'renderRows' satisfies RowWorkerExport), scene));
    await closingOnFailure(rows, async () => {
      for (const span of spanPlan(scene.height, workers, requested)) await renderRowsManaged(span);
      await rows.finish();
    });
  },
};
