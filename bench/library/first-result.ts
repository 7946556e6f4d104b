// Time to first result: from start() to the first value received, with a
// fresh process and with one prestarted, against starting a bare `node`
// that does nothing.
import { spawn } from 'node:child_process';
import { makeParallel, prestart, start } from 'pprocess';
// Not public API, so from dist/ by path: the `bench` command's interleaving, module paths and
// statistics.
import { interleave } from '../../dist/render-bench/interleave.js';
import { sibling } from '../../dist/render-bench/peers/module-files.js';
import { summarize, type Summary } from '../../dist/render-bench/stats.js';
import { ready } from './tasks.js';

/** Each way's timings, in milliseconds. */
export interface FirstResult {
  readonly name: string;
  readonly includes: string;
  readonly milliseconds: readonly number[];
  readonly summary: Summary;
  /** This median over the median of a bare `node` to its first output. */
  readonly vsBareNode: number;
}

const readyTask = makeParallel(sibling(import.meta.url, './tasks').href, ready);

/** Runs `repeat` interleaved rounds of the three. */
export async function runFirstResult({ repeat, log }: { repeat: number; log?: (line: string) => void }): Promise<FirstResult[]> {
  const firstValue = async () => {
    const channel = start(readyTask);
    await channel.receive();
    channel.close();
    await channel.wait();
  };
  const ways = [
    {
      name: 'bare node, to its first output',
      includes: 'spawning node -e "process.stdout.write(\'.\')" until that byte arrives',
      run: () => bareNode(true),
    },
    { name: 'bare node, to its exit', includes: 'spawning node -e 0 until it has exited', run: () => bareNode(false) },
    {
      name: 'start(), fresh process',
      includes: 'start() to the first value received: booting node, loading the task module, running it',
      prepare: () => prestart(0),
      run: firstValue,
    },
    {
      name: 'start(), prestarted process',
      includes: 'start() to the first value received, prestart(1) done before timing: handing over, loading the task module, running it',
      prepare: () => prestart(1),
      run: firstValue,
      // The replacement prestart starts must not boot while the others are timed.
      check: () => prestart(0),
    },
  ];
  const seconds = await interleave(ways, { repeat, log });
  const summaries = seconds.map((s) => summarize(s.map((x) => x * 1000)));
  return ways.map(({ name, includes }, i) => ({
    name,
    includes,
    milliseconds: seconds[i]!.map((x) => x * 1000),
    summary: summaries[i]!,
    vsBareNode: summaries[i]!.median / summaries[0]!.median,
  }));
}

// Starts a node that prints one byte (or nothing), and resolves when the
// byte arrives (or when it has exited).
function bareNode(untilOutput: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', untilOutput ? "process.stdout.write('.')" : '0'], {
      stdio: ['ignore', untilOutput ? 'pipe' : 'ignore', 'ignore'],
    });
    child.once('error', reject);
    if (untilOutput) child.stdout!.once('data', () => resolve());
    else child.once('exit', () => resolve());
  });
}
