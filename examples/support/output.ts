// How every grid example shows its results, so that a parallel program and
// its sequential twin print the same lines.

/**
 * Prints the N × N results row by row, numbers separated by spaces. `row`
 * gives results `start` to `end` (exclusive): an array's or a Map's `slice`.
 */
export async function printRows(
  N: number,
  row: (start: number, end: number) => readonly unknown[] | Promise<readonly unknown[]>,
): Promise<void> {
  for (let i = 0; i < N; i++) console.log((await row(i * N, i * N + N)).join(' '));
}

/** Prints the seconds since `startedAt` (a `performance.now()` reading). */
export function printTimeTaken(startedAt: number): void {
  console.log('Time taken:', (performance.now() - startedAt) / 1000);
}
