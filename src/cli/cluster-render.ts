// `render --cluster`: the scene's rows as jobs for the cluster's workers,
// traced by the raytracer's own row worker, and assembled into the same
// image a local render makes.
import { makeParallel, partial } from '../pprocess/index.js';
import { connectCluster } from '../pprocess/cluster/index.js';
import type { RgbImage, SceneSpec } from '../raytracer/index.js';
import { RowAssembler, type RowProgress } from '../raytracer/render/row-assembler.js';
import { ROW_WORKER_URL, type RowWorkerExport } from '../raytracer/render/row-worker-url.js';
import { rowSpans } from '../raytracer/render/strategies/requests.js';

/** Options of `renderOnCluster`. */
export interface ClusterRenderOptions {
  /** Called for each row as it arrives. */
  onRow?: (progress: RowProgress) => void;
  /** Called once connected, with the number of workers then connected. */
  onConnected?: (workers: number) => void;
  signal?: AbortSignal;
  /** Rows per job (default: 1 to 8, for 64 jobs or more). */
  rowsPerJob?: number;
}

/** Attempts after the first for a job whose process died (its worker's death does not count: it is re-run anyway). */
const RETRIES = 2;

/** Renders a validated scene through the workers of the cluster at `url`. */
export async function renderOnCluster(scene: SceneSpec, url: string, options: ClusterRenderOptions = {}): Promise<RgbImage> {
  const cluster = await connectCluster(url);
  try {
    options.onConnected?.(await cluster.workerCount());
    const size = options.rowsPerJob ?? Math.max(1, Math.min(8, Math.floor(scene.height / 64)));
    const rows = new RowAssembler(scene.width, scene.height, `Cluster ${cluster.address}`, options.onRow);
    // The scene travels once (partial), then each job is a span of rows.
    const traced = cluster.pmap(partial(makeParallel(ROW_WORKER_URL, 'renderRows' satisfies RowWorkerExport), scene), rowSpans(scene.height, size), { signal: options.signal, retries: RETRIES });
    for await (const { y, pixels } of traced) rows.accept(y, pixels);
    return rows.finish();
  } finally {
    await cluster.close();
  }
}
