// Whole program: a Map of limit 2 and start(makeParallel(fn), i) for each of
// `--count` numbers (n → 2n), as the original's Map(limit=2) + start(MakeParallel(fn), i).
import { isMain, makeParallel, Map as ParallelMap } from 'pprocess';
import { double } from '../tasks.js';
import { countOption, printResults, TASKS } from './program-io.js';

if (isMain(import.meta.url)) {
  const count = countOption();
  const results = new ParallelMap<number>({ limit: 2 });
  const doubled = makeParallel(TASKS, double);
  for (let i = 0; i < count; i++) await results.start(doubled, i);
  printResults(await results.toArray());
}
