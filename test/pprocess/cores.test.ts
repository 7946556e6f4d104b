import { availableParallelism } from 'node:os';
import { expect, test } from 'vitest';
import { countPhysicalCores } from '../../src/pprocess/cores.js';
import { getNumberOfCores } from '../../src/pprocess/index.js';

const processor = (n: number, physical: number, core: number) =>
  `processor\t: ${n}\nmodel name\t: Some CPU\nphysical id\t: ${physical}\ncore id\t\t: ${core}\ncpu cores\t: 2\n`;

test.each([
  ['two cores, one thread each', [processor(0, 0, 0), processor(1, 0, 1)], 2],
  ['two cores with two threads each (hyper-threading)', [processor(0, 0, 0), processor(1, 0, 1), processor(2, 0, 0), processor(3, 0, 1)], 2],
  ['two sockets of two cores', [processor(0, 0, 0), processor(1, 0, 1), processor(2, 1, 0), processor(3, 1, 1)], 4],
  ['no topology (some virtual machines)', ['processor\t: 0\nmodel name\t: vCPU\n', 'processor\t: 1\nmodel name\t: vCPU\n'], 0],
])('counts physical cores in /proc/cpuinfo: %s', (_name, blocks, expected) => {
  expect(countPhysicalCores(blocks.join('\n'))).toBe(expected);
});

test('getNumberOfCores() is between 1 and the processors this process may use', () => {
  const cores = getNumberOfCores();
  expect(Number.isInteger(cores)).toBe(true);
  expect(cores).toBeGreaterThanOrEqual(1);
  expect(cores).toBeLessThanOrEqual(availableParallelism());
});
