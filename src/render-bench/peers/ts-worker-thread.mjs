// Starts a worker thread on a TypeScript module, for the benchmarks run from
// the sources: a thread does not inherit its process's module loader, so
// this registers tsx in the thread, then loads the module named in
// workerData.module and re-exports its default export (the thread's task).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { default: task } = await import(workerData.module);
export default task;
