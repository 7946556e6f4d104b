// The slow suite (`npm run test:slow`, not part of `npm test`): wall-clock
// checks that the parallel examples run in well under the time their
// calculations would take one after another. A timing bound belongs here,
// run on a quiet machine, not in the unit suite.
import { testParallelSpeed } from '../examples/helpers/parallel-twins.js';
import { CREATE_TWINS, EXCHANGE_TWINS, MAP_TWINS } from '../examples/helpers/twin-tables.js';

testParallelSpeed([...MAP_TWINS, ...EXCHANGE_TWINS, ...CREATE_TWINS]);
