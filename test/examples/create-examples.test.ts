// The fork-style examples (create()), against their sequential twin simple,
// which also does the calculation inline in the loop body. Each created
// process replays the program up to its create() call and must print nothing
// of it again: the progress lines appear once, as the original prints them.
import { testParallelTwins } from './helpers/parallel-twins.js';
import { CREATE_TWINS } from './helpers/twin-tables.js';

testParallelTwins(CREATE_TWINS);
