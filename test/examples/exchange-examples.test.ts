// The examples whose results arrive in any order, each with its position
// (Exchange subclasses and Queues), against their sequential twin simple2.
import { testParallelTwins } from './helpers/parallel-twins.js';
import { EXCHANGE_TWINS } from './helpers/twin-tables.js';

testParallelTwins(EXCHANGE_TWINS);
