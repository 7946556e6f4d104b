// The task of piscina's worker threads: the raytracer's own row code, with
// the scene given once per thread as workerData, and the traced bytes moved
// (not copied) back to the main thread.
import { workerData } from 'node:worker_threads';
import { move } from 'piscina';
import type { SceneSpec } from '../../raytracer/index.js';
import { renderRows, type RowSpan } from '../../raytracer/render/row-worker.js';

const { scene } = workerData as { scene: SceneSpec };

/** Traces one span of rows of the thread's scene. */
export default function renderSpan(span: RowSpan): Uint8Array {
  return move(renderRows(scene, span).pixels) as Uint8Array;
}
