// Where the code that runs in created processes lives (row-worker.ts) and
// what it exports: all a strategy needs to hand rows to its processes, so
// that the creating process does not load the tracer only to name it.
import { siblingModule } from '../../pprocess/sibling-module.js';
import type * as RowWorker from './row-worker.js';

/** The row worker's URL, for naming its exports as tasks of created processes. */
export const ROW_WORKER_URL = siblingModule(import.meta.url, './row-worker').href;

/** The name of a function the row worker exports. */
export type RowWorkerExport = {
  [Name in keyof typeof RowWorker]: (typeof RowWorker)[Name] extends (...args: never[]) => unknown ? Name : never;
}[keyof typeof RowWorker];
