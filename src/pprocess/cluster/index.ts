// pprocess/cluster: run pmap calls as jobs on many machines, through BullMQ
// on Redis. bullmq and ioredis are loaded only once a cluster is used.

/**
 * pmap across many machines: `connectCluster(url)` on the machine that has
 * the work, `startWorker(url)` (or `pprocess-raytracer worker`) on each
 * machine that does it, a queue in Redis between them. See
 * docs/cluster.md, "Rendering on many machines".
 *
 * @packageDocumentation
 * @module pprocess/cluster
 */
export { Cluster, connectCluster, type ClusterOptions } from './cluster.js';
export { ClusterMap, type ClusterMapOptions } from './cluster-map.js';
export { CLUSTER_URL_FORMS, PASSWORD_VARIABLE, parseClusterUrl, type ClusterAddress } from './cluster-url.js';
export { ClusterError, ClusterRemoteError, type ClusterErrorCode, type RemoteErrorData } from './errors.js';
export { remoteTask } from './task-name.js';
export { startWorker, type ClusterWorker, type WorkerOptions } from './worker.js';
export type { TaskRef } from './wire.js';
