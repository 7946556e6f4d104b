// Whole program: fork-style Map(limit 2).create() for each of `--count`
// numbers, the created branch sending n → 2n, as the original's
// Map(limit=2).create() loop. A created process re-runs this program up to
// its own create() call.
import { exit, isMain, Map as ParallelMap } from 'pprocess';
import { double } from '../tasks.js';
import { countOption, printResults } from './program-io.js';

if (isMain(import.meta.url)) {
  const count = countOption();
  const results = new ParallelMap<number>({ limit: 2 });
  for (let i = 0; i < count; i++) {
    const channel = await results.create();
    if (channel) {
      try {
        await channel.send(double(i));
      } finally {
        // The created branch ends here.
        await exit(channel);
      }
    }
  }
  printResults(await results.toArray());
}
