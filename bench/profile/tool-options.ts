// The numeric options of the profiling tools (parsed with node:util's
// parseArgs), checked as the commands check theirs.
// Not public API, so from dist/ by path: the command line's number checks.
import { integerIn } from '../../dist/cli/number-option.js';

/** `text`, given for `option`, as a whole number from `min` to `max`; otherwise an error naming the option. */
export function wholeNumberOption(option: string, text: string | undefined, min: number, max: number): number {
  try {
    return integerIn(min, max)(text ?? '');
  } catch (error) {
    throw new Error(`${option}: ${(error as Error).message} Got ${JSON.stringify(text)}.`);
  }
}
