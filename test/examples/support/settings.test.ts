// The grid examples' command-line options.
import { expect, test } from 'vitest';
import { DEFAULT_SETTINGS, parseGridSettings, seconds } from '../../../examples/support/settings.js';

test('the defaults are the original values', () => {
  expect(parseGridSettings([])).toEqual({ N: 10, limit: 10, delay: 1 });
  expect(DEFAULT_SETTINGS).toEqual({ N: 10, limit: 10, delay: 1 });
});

test('--n, --limit and --delay set N, limit and the delay in seconds', () => {
  expect(parseGridSettings(['--n', '4', '--limit', '2', '--delay', '0.25'])).toEqual({ N: 4, limit: 2, delay: 0.25 });
  expect(parseGridSettings(['--delay=0'])).toEqual({ N: 10, limit: 10, delay: 0 });
});

test.each([
  [['--n', '0'], RangeError, /--n must be a positive integer, got 0/],
  [['--limit', '1.5'], RangeError, /--limit must be a positive integer, got 1.5/],
  [['--delay=-1'], RangeError, /--delay must be a number of seconds ≥ 0, got -1/],
  [['--delay', ''], RangeError, /--delay must be a number of seconds/],
  [['--size', '3'], TypeError, /Unknown option '--size'/],
])('%j is refused', (argv, type, message) => {
  expect(() => parseGridSettings(argv)).toThrow(type);
  expect(() => parseGridSettings(argv)).toThrow(message);
});

test('seconds() falls back when nothing was given', () => {
  expect(seconds('--delay', undefined, 3)).toBe(3);
  expect(seconds('--delay', '1e-1', 3)).toBe(0.1);
});
