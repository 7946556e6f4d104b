// The examples whose results come back in input order (pmap, Map), against
// their sequential twins simple_map and simple1.
import { testParallelTwins } from './helpers/parallel-twins.js';

const calculating = ['Calculating...'];

testParallelTwins([
  { program: 'simple_pmap', twin: 'simple_map', progress: [], N: 3, limit: 9, delay: 2.5, processes: 9 },
  { program: 'simple_pmap_iter', twin: 'simple_map', progress: [], N: 3, limit: 9, delay: 2.5, processes: 9 },
  { program: 'simple_managed_map', twin: 'simple1', progress: calculating, N: 3, limit: 9, delay: 2.5, processes: 9 },
  // Nine calculations on five reused processes: two rounds of delays.
  { program: 'simple_managed_map_reusable', twin: 'simple1', progress: calculating, N: 3, limit: 5, delay: 2.5, processes: 5 },
]);
