// Stream ids compare as the server orders them: milliseconds, then sequence, as numbers.
import { expect, test } from 'vitest';
import { compareStreamIds } from '../../src/pprocess/cluster/stream-id.js';

test.each([
  ['9-0', '10-0', -1],
  ['10-0', '9-0', 1],
  ['5-9', '5-10', -1],
  ['1764632000000-3', '1764632000000-3', 0],
  ['0-0', '1-0', -1],
  ['18446744073709551615-0', '18446744073709551614-99', 1],
])('%s against %s', (a, b, sign) => {
  expect(Math.sign(compareStreamIds(a, b))).toBe(sign);
});
