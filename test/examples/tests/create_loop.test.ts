// create_loop: the process create() made prints each number sent to it below
// the limit, then answers "Done", which the creator prints. The created
// process replays the program to its create() call, options included.
import { afterEach, expect, test } from 'vitest';
import { allGone } from '../../helpers/processes.js';
import { isCreatedProcess } from '../helpers/process-tree.js';
import { endRunningExamples, runExample } from '../helpers/run-example.js';

afterEach(endRunningExamples);

test.each([
  { args: [], limit: 100 },
  { args: ['--limit', '0'], limit: 0 },
])('create_loop $args prints 0 to limit - 1, then Done', async ({ args, limit }) => {
  const result = await runExample('examples/tests/create_loop.ts', args);
  const numbers = Array.from({ length: limit }, (_, i) => `${i}\n`).join('');
  expect(result).toMatchObject({ exitCode: 0, stderr: '', stdout: `${numbers}Done\n` });
  expect([...result.descendants.values()].filter(isCreatedProcess)).toHaveLength(1);
  await allGone([...result.descendants.keys()], 3000);
});
