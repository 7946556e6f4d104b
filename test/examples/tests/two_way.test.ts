// two_way: the created process and its creator count down together over one
// channel. Both print to the same terminal, so the two voices interleave as
// the processes happen to run; what the original's logic fixes is each
// voice's own sequence and the order that the messages impose between them.
import { afterEach, expect, test } from 'vitest';
import { allGone } from '../../helpers/processes.js';
import { endRunningExamples, runExample } from '../helpers/run-example.js';

afterEach(endRunningExamples);

const countdown = (from: number, said: string, done: string) =>
  Array.from({ length: from }, (_, k) => [`${said}: ${from - k}`, done]).flat();

test('two_way counts down from 20 to 0, each side printing what it receives and sends', async () => {
  const result = await runExample('examples/tests/two_way.ts');
  expect(result).toMatchObject({ exitCode: 0, stderr: '' });
  const lines = result.stdout.split('\n').slice(0, -1);

  expect(lines.filter((line) => line.startsWith('Child'))).toEqual(countdown(20, 'Child', 'Child sent'));
  expect(lines.filter((line) => line.startsWith('Parent'))).toEqual(countdown(20, 'Parent', 'Parent sent'));
  expect(lines).toHaveLength(4 * 20);

  // The child says k before sending it, the parent says k after receiving it
  // and sends k - 1, which the child says after receiving it.
  for (let k = 20; k >= 1; k--) {
    expect(lines.indexOf(`Child: ${k}`)).toBeLessThan(lines.indexOf(`Parent: ${k}`));
    if (k > 1) expect(lines.indexOf(`Parent: ${k}`)).toBeLessThan(lines.indexOf(`Child: ${k - 1}`));
  }
  await allGone([...result.descendants.keys()], 3000);
});

test('two_way --from 0 has nothing to say', async () => {
  const result = await runExample('examples/tests/two_way.ts', ['--from', '0']);
  expect(result).toMatchObject({ exitCode: 0, stderr: '', stdout: '' });
});
