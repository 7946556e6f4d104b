// `worker --cluster <url>`: takes jobs from a cluster's queue and runs them
// on this machine's cores until stopped (SIGINT, SIGTERM) or Redis is lost.
import { hostname } from 'node:os';
import { Command, Option } from 'commander';
import { getNumberOfCores } from '../pprocess/cores.js';
import { MAX_PROCS } from '../raytracer/limits.js';
import { clusterOption } from './cluster-option.js';
import { integerIn } from './number-option.js';

/** The options of `worker`, as commander parses them. */
export interface WorkerCommandOptions {
  cluster: string;
  concurrency: number;
  allow?: string[];
  quiet?: boolean;
}

const EXAMPLES = `
Examples:
  $ pprocess-raytracer worker --cluster rediss://:secret@queue.example:6380        # one process per core
  $ pprocess-raytracer worker --cluster unix:///run/redis/redis.sock --concurrency 2
  $ PPROCESS_CLUSTER_PASSWORD=secret pprocess-raytracer worker --cluster redis://10.0.0.5:6379

Stop it with Ctrl-C or SIGTERM: it finishes the jobs it holds, then exits. See docs/cluster.md.`;

/** Builds the `worker` subcommand. */
export function workerCommand(): Command {
  const cores = getNumberOfCores();
  return new Command('worker')
    .description('Run render jobs (tasks of this package) from a cluster on this machine')
    .addOption(clusterOption("the cluster's Redis", (forms) => `the cluster's Redis: ${forms}`).makeOptionMandatory())
    .addOption(
      new Option('-c, --concurrency <n>', `jobs at once, each in its own process (1 to ${MAX_PROCS})`)
        .argParser(integerIn(1, MAX_PROCS))
        .default(cores, `the number of cores, ${cores}`),
    )
    .option('--allow <module...>', 'also run tasks of these modules (absolute paths or package names)')
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText('after', EXAMPLES)
    .action(async (options: WorkerCommandOptions) => {
      await runWorker(options);
    });
}

/** Runs a worker until it is stopped by a signal (resolves) or loses Redis (throws). */
export async function runWorker(options: WorkerCommandOptions): Promise<void> {
  const { startWorker } = await import('../pprocess/cluster/index.js');
  const worker = await startWorker(options.cluster, { concurrency: options.concurrency, allow: options.allow ?? [] });
  const stop = () => void worker.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (!options.quiet) {
    process.stdout.write(`Worker ${process.pid} on ${hostname()}: ${worker.concurrency} processes (${worker.pids.join(' ')}), taking jobs from ${worker.address}\n`);
  }
  try {
    await worker.closed;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
