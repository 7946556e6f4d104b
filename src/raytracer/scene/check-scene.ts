// Checking scene data without loading zod when the data is right: the
// quick check first, and the schema (loaded on demand) only to explain
// what is wrong.
import type { SceneSpec } from './schema.js';
import { wellFormedScene } from './well-formed-scene.js';

/**
 * `parseScene(data, source)`, loading the schema only for data the quick
 * check leaves to it: resolves with the scene, defaults filled in, or
 * rejects with the `SceneError` that `parseScene` throws.
 */
export async function checkScene(data: unknown, source?: string): Promise<SceneSpec> {
  const scene = wellFormedScene(data);
  if (scene) return scene;
  const { parseScene } = await import('./parse-scene.js');
  return parseScene(data, source);
}
