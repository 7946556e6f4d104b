// Reading what a grid example prints: progress lines ("Calculating...",
// "Finishing..."), then N rows of results, then "Time taken: SECONDS".
import { runExample } from './run-example.js';

/** The lines some originals print to say which phase they are in. */
export const PROGRESS_LINES: readonly string[] = ['Calculating...', 'Finishing...'];

/** A grid example's output, in its parts. */
export interface GridOutput {
  progress: string[];
  rows: string[];
  /** The seconds the program said it took. */
  timeTaken: number;
}

/** Splits a grid example's output; throws if it is not progress lines, then rows, then the time. */
export function parseGridOutput(stdout: string): GridOutput {
  const lines = stdout.split('\n');
  if (lines.pop() !== '') throw new Error(`The output does not end with a line break:\n${stdout}`);
  const time = /^Time taken: (\d+(?:\.\d+)?(?:e-?\d+)?)$/.exec(lines.pop() ?? '');
  if (!time) throw new Error(`The output does not end with "Time taken: SECONDS":\n${stdout}`);
  const firstRow = lines.findIndex((line) => !PROGRESS_LINES.includes(line));
  const split = firstRow === -1 ? lines.length : firstRow;
  return { progress: lines.slice(0, split), rows: lines.slice(split), timeTaken: Number(time[1]) };
}

/** The rows an N × N grid example must print: 0 to N * N - 1, N to a row. */
export function expectedRows(N: number): string[] {
  return Array.from({ length: N }, (_, i) => Array.from({ length: N }, (_, j) => i * N + j).join(' '));
}

/** The command-line options of a grid example. */
export function gridArgs(N: number, limit: number, delay: number): string[] {
  return ['--n', String(N), '--limit', String(limit), '--delay', String(delay)];
}

/** Runs a grid example to its end and splits its output, failing on a bad exit or anything on stderr. */
export async function runGridExample(name: string, N: number, limit: number, delay: number) {
  const result = await runExample(`examples/${name}.ts`, gridArgs(N, limit, delay));
  if (result.exitCode !== 0 || result.stderr !== '') {
    throw new Error(`examples/${name}.ts exited with ${result.exitCode ?? result.signal}; stderr:\n${result.stderr}`);
  }
  return { ...result, output: parseGridOutput(result.stdout) };
}
