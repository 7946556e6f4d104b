// What a shape needs of its shader (the interface is declared in the object model, scene/model.ts), and occlusion settings.

export type { Shader } from '../scene/model.js';

/** Ambient occlusion settings: how many random probes, and how far they reach. */
export interface OcclusionOptions {
  /** Probes per hit; 0 turns occlusion off. */
  readonly samples: number;
  /** The length of each probe. */
  readonly distance: number;
}
