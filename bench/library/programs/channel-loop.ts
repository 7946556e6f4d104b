// Whole program: `--count` small dictionaries echoed one at a time over a
// Channel to one started process, as the original's 2,000 round trips.
import { isMain, start, task } from 'pprocess';
import { echo } from '../tasks.js';
import { countOption, printResults, TASKS } from './program-io.js';

if (isMain(import.meta.url)) {
  const count = countOption();
  const channel = start(task(TASKS, echo));
  const echoed: number[] = [];
  for (let i = 0; i < count; i++) {
    await channel.send({ id: i, op: 'ping', at: 0 });
    echoed.push((await channel.receive<{ id: number }>()).id * 2);
  }
  await channel.send(null);
  await channel.wait();
  channel.close();
  printResults(echoed);
}
