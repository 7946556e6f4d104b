// The cluster benchmark's workers: `worker` commands of this build, started
// as a user would start them, ready once the queue sees them all.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Cluster } from 'pprocess/cluster';

/** The built command line, as the package's `bin` names it. */
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** Started workers, and how to stop them. */
export interface BenchWorkers {
  readonly children: readonly ChildProcess[];
  /** Stops every worker (SIGTERM) and waits until they have exited. */
  stop(): Promise<void>;
}

/** Starts `count` workers of `concurrency` each and waits until `cluster` counts them all. */
export async function startBenchWorkers(cluster: Cluster, url: string, count: number, concurrency: number, timeoutMs = 20_000): Promise<BenchWorkers> {
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, [CLI, 'worker', '--cluster', url, '--concurrency', String(concurrency), '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'] }));
  const exits = children.map((child) => new Promise<void>((resolve) => child.once('exit', () => resolve())));
  const stop = async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.all(exits);
  };
  const deadline = Date.now() + timeoutMs;
  while ((await cluster.workerCount()) < count) {
    if (Date.now() > deadline || children.some((child) => child.exitCode !== null)) {
      await stop();
      throw new Error(`the ${count} cluster workers did not all start within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { children, stop };
}
