// start_loop: the created process prints each number sent to it below the
// limit, then answers "Done", which the creator prints.
import { afterEach, expect, test } from 'vitest';
import { allGone } from '../../helpers/processes.js';
import { endRunningExamples, runExample } from '../helpers/run-example.js';

afterEach(endRunningExamples);

test.each([
  { args: [], limit: 100 },
  { args: ['--limit', '0'], limit: 0 },
])('start_loop $args prints "loop to <limit>", 0 to limit - 1, then Done', async ({ args, limit }) => {
  const result = await runExample('examples/tests/start_loop.ts', args);
  const numbers = Array.from({ length: limit }, (_, i) => `${i}\n`).join('');
  expect(result).toMatchObject({ exitCode: 0, stderr: '', stdout: `loop to ${limit}\n${numbers}Done\n` });
  await allGone([...result.descendants.keys()], 3000);
});
