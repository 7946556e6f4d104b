// The fork-style examples (create()), against their sequential twin simple,
// which also does the calculation inline in the loop body. Each created
// process replays the program up to its create() call and must print nothing
// of it again: the progress lines appear once, as the original prints them.
import { testParallelTwins } from './helpers/parallel-twins.js';

const both = ['Calculating...', 'Finishing...'];

// A 2 × 2 grid with longer delays than the other tables' 3 × 3: half the
// processes to start (each a Node.js start-up under tsx plus a replay of the
// program), and more start-up time per process tolerated before the ratio
// reaches its bound: 4 × 4 s of delays allow 1.8 s each, 9 × 2.5 s 1.5 s.
// Measured: 0.32 at a load average of 4, 0.47–0.52 at 9.
const grid = { N: 2, limit: 4, delay: 4, processes: 4 };

testParallelTwins([
  { program: 'simple_create', twin: 'simple', progress: both, ...grid },
  { program: 'simple_create_map', twin: 'simple', progress: ['Calculating...'], ...grid },
  { program: 'simple_create_queue', twin: 'simple', progress: both, ...grid },
]);
