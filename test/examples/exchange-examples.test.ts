// The examples whose results arrive in any order, each with its position
// (Exchange subclasses and Queues), against their sequential twin simple2.
import { testParallelTwins } from './helpers/parallel-twins.js';

const both = ['Calculating...', 'Finishing...'];

testParallelTwins([
  { program: 'simple_managed', twin: 'simple2', progress: both, N: 3, limit: 9, delay: 2.5, processes: 9 },
  { program: 'simple_managed_queue', twin: 'simple2', progress: both, N: 3, limit: 9, delay: 2.5, processes: 9 },
  { program: 'simple_start', twin: 'simple2', progress: both, N: 3, limit: 9, delay: 2.5, processes: 9 },
  { program: 'simple_start_queue', twin: 'simple2', progress: ['Finishing...'], N: 3, limit: 9, delay: 2.5, processes: 9 },
  // One process per row, each sending its N results as it computes them: at
  // best 1/N of the sequential time, hence a larger N.
  { program: 'simple_continuous_queue', twin: 'simple2', progress: both, N: 4, limit: 4, delay: 1.5, processes: 4 },
]);
