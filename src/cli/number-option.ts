// Parsers for numeric options: whole numbers only, within a range, with a
// message that says what was expected.
import { InvalidArgumentError } from 'commander';

/** A commander argument parser accepting integers from `min` to `max`. */
export function integerIn(min: number, max: number): (value: string) => number {
  return (value: string) => {
    const trimmed = value.trim();
    if (!/^[+-]?\d+$/.test(trimmed)) {
      throw new InvalidArgumentError(`Expected a whole number from ${min} to ${max}.`);
    }
    const n = Number(trimmed);
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`Out of range: expected a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}
