// The examples whose results come back in input order (pmap, Map), against
// their sequential twins simple_map and simple1.
import { testParallelTwins } from './helpers/parallel-twins.js';
import { MAP_TWINS } from './helpers/twin-tables.js';

testParallelTwins(MAP_TWINS);
