// piscina's worker task for the library benchmarks: the trivial task.
import { double } from './tasks.js';

/** Twice its argument. */
export default function run(n: number): number {
  return double(n);
}
