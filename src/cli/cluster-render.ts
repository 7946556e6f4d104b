// `render --cluster`: the scene's rows as jobs for the cluster's workers,
// assembled into the same image a local render makes.
import { makeParallel, partial } from '../pprocess/index.js';
import { connectCluster } from '../pprocess/cluster/index.js';
import { RowAssembler, type RgbImage, type RowProgress, type SceneSpec } from '../raytracer/index.js';
import { CLUSTER_ROWS_URL, traceRows, type RowSpan } from './cluster-rows.js';

/** Options of `renderOnCluster`. */
export interface ClusterRenderOptions {
  /** Called for each row as it arrives. */
  onRow?: (progress: RowProgress) => void;
  /** Called once connected, with the number of workers then connected. */
  onConnected?: (workers: number) => void;
  signal?: AbortSignal;
  /** Rows per job (default: 1 to 8, about 64 jobs or more). */
  rowsPerJob?: number;
}

/** Renders a validated scene through the workers of the cluster at `url`. */
export async function renderOnCluster(scene: SceneSpec, url: string, options: ClusterRenderOptions = {}): Promise<RgbImage> {
  const cluster = await connectCluster(url);
  try {
    options.onConnected?.(await cluster.workerCount());
    const size = options.rowsPerJob ?? Math.max(1, Math.min(8, Math.floor(scene.height / 64)));
    const spans: RowSpan[] = [];
    for (let y = 0; y < scene.height; y += size) spans.push({ y, rows: Math.min(size, scene.height - y) });
    const rows = new RowAssembler(scene.width, scene.height, `Cluster ${cluster.address}`, options.onRow);
    const traced = cluster.pmap(partial(makeParallel(CLUSTER_ROWS_URL, traceRows), scene), spans, { signal: options.signal, retries: 2 });
    for await (const { y, pixels } of traced) rows.accept(y, pixels);
    return rows.finish();
  } finally {
    await cluster.close();
  }
}
