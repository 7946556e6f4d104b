import { expect, test } from 'vitest';
import { wholeNumberOption } from '../../../bench/profile/tool-options.js';

test('gives a whole number within range', () => {
  expect(wholeNumberOption('--repeat', '12', 1, 1000)).toBe(12);
});

test.each([['0'], ['1001'], ['1.5'], ['x'], [undefined]])('refuses %s, naming the option, the range and the value', (text) => {
  expect(() => wholeNumberOption('--repeat', text, 1, 1000)).toThrow(/^--repeat: .*from 1 to 1000\. Got /);
});
