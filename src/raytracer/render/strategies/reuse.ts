// ppygmy_reuse.py: the managed exchange with reusable processes.
import { makeReusable } from '../../../pprocess/index.js';
import { renderRow, ROW_WORKER_URL } from '../row-worker.js';
import type { Executor } from './executor.js';
import { closingOnFailure, rowRequests, workerCount } from './requests.js';
import { RowExchange } from './row-exchange.js';

/** A `RowExchange` with `reuse`, managing `makeReusable(renderRow)`: the exchange feeds each finished process the next request. */
export const reuse: Executor = {
  name: 'reuse',
  description: 'Exchange subclass with reuse and makeReusable',
  async run(scene, { procs, signal }, sink) {
    const workers = workerCount(scene, procs);
    const rows = new RowExchange(sink, { limit: workers, reuse: true, signal });
    const renderRowManaged = rows.manage(makeReusable(ROW_WORKER_URL, renderRow));
    await closingOnFailure(rows, async () => {
      for (const request of rowRequests(scene, workers)) await renderRowManaged(request);
      await rows.finish();
    });
  },
};
