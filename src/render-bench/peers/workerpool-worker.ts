// The worker of workerpool's child processes: the raytracer's own row code,
// with the scene given once per process on its command line.
import workerpool from 'workerpool';
import type { SceneSpec } from '../../raytracer/index.js';
import { renderRows, type RowSpan } from '../../raytracer/render/row-worker.js';

const scene = JSON.parse(process.argv[2]!) as SceneSpec;

workerpool.worker({
  renderSpan: (span: RowSpan): Uint8Array => renderRows(scene, span).pixels,
});
