// Whole program: pmap over `--count` numbers (n → 2n), each call in a
// created process, limit 2, as the original's pmap(fn, range(200), limit=2).
import { isMain, makeParallel, pmap } from 'pprocess';
import { double } from '../tasks.js';
import { countOption, printResults, TASKS } from './program-io.js';

if (isMain(import.meta.url)) {
  const count = countOption();
  const items = Array.from({ length: count }, (_, i) => i);
  printResults(await pmap<number, number>(makeParallel(TASKS, double), items, { limit: 2 }).toArray());
}
