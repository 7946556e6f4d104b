// How `render` runs when neither --procs nor --strategy is given: on every
// core, except for an image so small that starting processes would cost
// more than they save. The pixels are the same either way.
import type { StrategyName } from '../raytracer/render/strategies/index.js';

/**
 * The most pixels a render left to the command traces in its own process.
 * A created process costs about 0.15–0.2 s before its first row (node,
 * the tracer's modules, the JIT); on PyGmy's scene, 2 cores, the serial
 * command stays faster up to about 500,000 pixels. A fifth of that leaves
 * room for scenes up to about 5 times as costly per pixel.
 */
export const IN_PROCESS_PIXELS = 100_000;

/** How a render runs: its strategy and the most processes it creates. */
export interface RenderPlan {
  readonly strategy: StrategyName;
  readonly procs: number;
  /** Why the command chose it, for the "Rendering" line; absent when chosen on the command line. */
  readonly reason?: string;
}

/** The choices a plan is made from. */
export interface PlanChoices {
  readonly strategy: StrategyName;
  readonly procs: number;
  /** Neither --procs nor --strategy was given: the command may render a small image in this process. */
  readonly auto: boolean;
}

/** The plan for an image of `width × height`. */
export function planRender(width: number, height: number, choices: PlanChoices): RenderPlan {
  if (choices.auto && width * height <= IN_PROCESS_PIXELS) {
    return { strategy: 'serial', procs: 1, reason: `at most ${IN_PROCESS_PIXELS} pixels, faster than starting processes` };
  }
  const { strategy } = choices;
  return { strategy, procs: strategy === 'serial' ? 1 : Math.min(choices.procs, height) };
}
