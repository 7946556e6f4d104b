// The cluster benchmark's tiny task: almost no work, so that a run measures
// what each job costs the cluster. Importing this module starts nothing.

/** This module's URL, for naming its export as a task. */
export const TINY_TASK_URL = import.meta.url;

/** Gives its argument back plus one. */
export function addOne(n: number): number {
  return n + 1;
}
