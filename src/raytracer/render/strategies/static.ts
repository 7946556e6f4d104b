// Static splitting: the baseline that dynamic row scheduling beats when
// rows differ in cost.
import { makeParallel, Map as ParallelMap } from '../../../pprocess/index.js';
import { CHANNELS } from '../trace-row.js';
import { renderBand, ROW_WORKER_URL, type BandRequest, type RowResult } from '../row-worker.js';
import type { Executor } from './executor.js';
import { closingOnFailure, workerCount } from './requests.js';

/**
 * One contiguous band of rows per process, decided up front (`Map.call`
 * with `makeParallel(renderBand)`): when the costly rows fall in one band,
 * the other processes finish early and wait.
 */
export const staticSplit: Executor = {
  name: 'static',
  description: 'one band of rows per process, split up front',
  async run(scene, { procs, signal }, sink) {
    const workers = workerCount(scene, procs);
    const bands: BandRequest[] = Array.from({ length: workers }, (_, i) => ({
      scene,
      start: Math.floor((i * scene.height) / workers),
      end: Math.floor(((i + 1) * scene.height) / workers),
    }));
    const results = new ParallelMap<RowResult>({ limit: workers, signal });
    const rowBytes = scene.width * CHANNELS;
    await closingOnFailure(results, async () => {
      results.call(makeParallel(ROW_WORKER_URL, renderBand), bands);
      for await (const { y, pixels } of results) {
        for (let row = 0; row * rowBytes < pixels.length; row++) {
          sink(y + row, pixels.subarray(row * rowBytes, (row + 1) * rowBytes));
        }
      }
    });
  },
};
