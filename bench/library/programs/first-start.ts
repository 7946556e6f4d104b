// Whole program: the time from a fresh start() to its first result, as a
// user's program sees it, printed as `{ firstResultMs }`. The benchmark
// runs it compiled and under tsx.
import { isMain, makeParallel, start } from 'pprocess';
import { ready } from '../tasks.js';
import { TASKS } from './program-io.js';

if (isMain(import.meta.url)) {
  const started = performance.now();
  const channel = start(makeParallel(TASKS, ready));
  await channel.receive();
  const firstResultMs = performance.now() - started;
  channel.close();
  await channel.wait();
  process.stdout.write(`${JSON.stringify({ firstResultMs })}\n`);
}
