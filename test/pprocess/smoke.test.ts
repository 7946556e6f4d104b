import { expect, test } from 'vitest';
import { pmap, makeParallel, start, task } from '../../src/pprocess/index.js';

const tasks = new URL('./fixtures/tasks.ts', import.meta.url);

test('smoke', async () => {
  const ch = start(task(tasks, 'echo'), { a: 1 });
  expect(await ch.receive()).toEqual({ a: 1 });
  expect(await pmap(makeParallel(tasks, 'double'), [1, 2, 3], { limit: 2 }).toArray()).toEqual([2, 4, 6]);
  console.log(process.execArgv);
});
