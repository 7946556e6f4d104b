// The baseline: every row traced in this process.
import { render } from '../raytracer/index.js';
import type { Contender, RenderJob } from './contender.js';

/** `render(scene, { strategy: 'serial' })` in this process. */
export function serialContender(job: RenderJob): Contender {
  let image: Uint8Array | undefined;
  return {
    id: 'serial',
    name: 'serial',
    family: 'serial',
    strategy: 'serial',
    procs: 1,
    cold: false,
    includes: 'render() with the serial strategy in the benchmark process: a thumbnail to warm up, then every row',
    prepare: async () => {},
    async run() {
      image = (await render(job.scene, { strategy: 'serial' })).data;
    },
    lastImage: async () => image!,
    close: async () => {},
  };
}
