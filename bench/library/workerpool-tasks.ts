// workerpool's worker (child process or thread) for the library benchmarks.
import workerpool from 'workerpool';
import { double } from './tasks.js';

workerpool.worker({ double });
