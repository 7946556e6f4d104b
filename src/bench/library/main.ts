// The library benchmarks in one run: tiny-task throughput, time to first
// result, message latency and buffer throughput. Prints a table per
// benchmark and writes <out-dir>/bench-library.json.
//
//   node dist/bench/library/main.js [--out-dir output] [--repeat 5] [--tasks 20000] [--workers 2] [--quick] [--json]
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isMain } from '../../pprocess/index.js';
import { describeMachine } from '../render/report.js';
import { runFirstResult } from './first-result.js';
import { formatLibraryReport, type LibraryReport } from './format-library.js';
import { runMessages } from './messages.js';
import { runTinyTasks } from './tiny-tasks.js';

/** Options of the library benchmarks. */
export interface LibraryBenchOptions {
  readonly outDir: string;
  readonly repeat: number;
  readonly tasks: number;
  readonly workers: number;
  /** Small counts, for a quick check that everything runs. */
  readonly quick: boolean;
  readonly json: boolean;
  readonly log?: (line: string) => void;
}

/** Runs every library benchmark, prints the tables (or the JSON) and writes bench-library.json. */
export async function runLibraryBench(options: LibraryBenchOptions): Promise<void> {
  const { repeat, workers, quick, log } = options;
  const tasks = quick ? Math.min(options.tasks, 500) : options.tasks;
  log?.(`Tiny tasks: ${tasks} over ${workers} workers`);
  const tiny = await runTinyTasks({ tasks, workers, repeat, log });
  log?.('Time to first result');
  const first = await runFirstResult({ repeat: quick ? repeat : Math.max(repeat, 10), log });
  log?.('Messages');
  const messages = await runMessages({
    roundTrips: quick ? 50 : 2000,
    buffers: [
      { bytes: 1024 * 1024, count: quick ? 2 : 40 },
      { bytes: 64 * 1024 * 1024, count: quick ? 1 : 2 },
    ],
    repeat,
    log,
  });
  const report: LibraryReport & Record<string, unknown> = {
    kind: 'pprocess-library-bench',
    version: 1,
    date: new Date().toISOString(),
    machine: describeMachine(),
    repeat,
    tiny,
    first,
    messages,
  };
  await mkdir(options.outDir, { recursive: true });
  const path = join(options.outDir, 'bench-library.json');
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${formatLibraryReport(report)}\nWrote ${path}\n`);
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      'out-dir': { type: 'string', default: 'output' },
      repeat: { type: 'string', default: '5' },
      tasks: { type: 'string', default: '20000' },
      workers: { type: 'string', default: '2' },
      quick: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    },
  });
  const whole = (name: string, value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`--${name} must be a whole number ≥ 1, got ${value}`);
    return n;
  };
  await runLibraryBench({
    outDir: values['out-dir']!,
    repeat: whole('repeat', values.repeat!),
    tasks: whole('tasks', values.tasks!),
    workers: whole('workers', values.workers!),
    quick: values.quick!,
    json: values.json!,
    log: values.quiet ? undefined : (line) => process.stderr.write(`${line}\n`),
  });
}
