// No created processes: the baseline every parallel strategy is measured against.
import { buildWorld } from '../../scene/build-world.js';
import { traceRow } from '../trace-row.js';
import { warmUp } from '../warm-up.js';
import type { Executor } from './executor.js';

/** Traces every row in this process, in order. */
export const serial: Executor = {
  name: 'serial',
  async run(scene, { signal }, sink) {
    warmUp(scene);
    const world = buildWorld(scene);
    for (let y = 0; y < scene.height; y++) {
      signal?.throwIfAborted();
      sink(y, traceRow(world, y));
    }
  },
};
