// The benchmarks run on the built package (dist/, loaded by Node itself, see
// vitest.config.ts), whose pool of prestarted processes is not the sources'.
import { prestart } from '../../dist/pprocess/index.js';
import { waitForNoChildren as waitForNoChildrenOf } from '../raytracer/helpers/processes.js';

/** Ends the built package's idle processes, then waits until this process has no running children; returns those left. */
export function waitForNoChildren(): Promise<number[]> {
  return waitForNoChildrenOf(process.pid, 5000, () => prestart(0));
}
