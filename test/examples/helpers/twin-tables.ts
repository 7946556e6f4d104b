// The parallel grid examples and their sequential twins, shared by the
// examples' tests and the slow suite that times them.
import type { ParallelTwin } from './parallel-twins.js';

const calculating = ['Calculating...'];
const both = ['Calculating...', 'Finishing...'];

/** The examples whose results come back in input order (pmap, Map), against simple_map and simple1. */
export const MAP_TWINS: readonly ParallelTwin[] = [
  { program: 'simple_pmap', twin: 'simple_map', progress: [], N: 3, limit: 9, delay: 2.5, processes: 9 },
  { program: 'simple_pmap_iter', twin: 'simple_map', progress: [], N: 3, limit: 9, delay: 2.5, processes: 9 },
  { program: 'simple_managed_map', twin: 'simple1', progress: calculating, N: 3, limit: 9, delay: 2.5, processes: 9 },
  // Nine calculations on five reused processes: two rounds of delays.
  { program: 'simple_managed_map_reusable', twin: 'simple1', progress: calculating, N: 3, limit: 5, delay: 2.5, processes: 5 },
];

/** The examples whose results arrive in any order (Exchange subclasses and Queues), against simple2. */
export const EXCHANGE_TWINS: readonly ParallelTwin[] = [
  { program: 'simple_managed', twin: 'simple2', progress: both, N: 3, limit: 9, delay: 2.5, processes: 9 },
  { program: 'simple_managed_queue', twin: 'simple2', progress: both, N: 3, limit: 9, delay: 2.5, processes: 9 },
  { program: 'simple_start', twin: 'simple2', progress: both, N: 3, limit: 9, delay: 2.5, processes: 9 },
  { program: 'simple_start_queue', twin: 'simple2', progress: ['Finishing...'], N: 3, limit: 9, delay: 2.5, processes: 9 },
  // One process per row, each sending its N results as it computes them: at
  // best 1/N of the sequential time, hence a larger N.
  { program: 'simple_continuous_queue', twin: 'simple2', progress: both, N: 4, limit: 4, delay: 1.5, processes: 4 },
];

// A 2 × 2 grid with longer delays than the other tables' 3 × 3: half the
// processes to start (each a Node.js start-up under tsx plus a replay of the
// program), and more start-up time per process tolerated before the timed
// ratio reaches its bound: 4 × 4 s of delays allow 1.8 s each, 9 × 2.5 s 1.5 s.
const grid = { N: 2, limit: 4, delay: 4, processes: 4 };

/** The fork-style examples (create()), against simple, which also computes inline in the loop body. */
export const CREATE_TWINS: readonly ParallelTwin[] = [
  { program: 'simple_create', twin: 'simple', progress: both, ...grid },
  { program: 'simple_create_map', twin: 'simple', progress: ['Calculating...'], ...grid },
  { program: 'simple_create_queue', twin: 'simple', progress: both, ...grid },
];
