// The library benchmarks in one run: tiny-task throughput, time to first
// result, message latency and buffer throughput, and the "fast by default"
// targets. Prints a table per benchmark and writes <out-dir>/bench-library.json.
//
//   node bench-build/library/main.js [--out-dir output] [--repeat 5] [--tasks 20000] [--workers 2] [--quick] [--json]
//                                   [--only tiny,first,messages,defaults] [--cap-seconds 30]
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isMain } from 'pprocess';
// Not public API, so from dist/ by path: the `bench` command's report.
import { describeMachine } from '../../dist/render-bench/report.js';
import { defaultsCounts, runDefaults } from './defaults.js';
import { runFirstResult } from './first-result.js';
import { formatLibraryReport, type LibraryReport } from './format-library.js';
import { runMessages } from './messages.js';
import { runTinyTasks } from './tiny-tasks.js';

/** The library benchmarks' sections, in the order they run. */
export const SECTIONS = ['tiny', 'first', 'messages', 'defaults'] as const;
/** One of the library benchmarks' sections. */
export type Section = (typeof SECTIONS)[number];

/** Options of the library benchmarks. */
export interface LibraryBenchOptions {
  /** The sections to run (default: all). */
  readonly only?: readonly Section[];
  /** The defaults section's cap on one pmap run, in seconds, past which its time is extrapolated. */
  readonly capSeconds?: number;
  readonly outDir: string;
  readonly repeat: number;
  readonly tasks: number;
  readonly workers: number;
  /** Small counts, for a quick check that everything runs. */
  readonly quick: boolean;
  readonly json: boolean;
  readonly log?: (line: string) => void;
  /** Where the tables (or the JSON) go: standard output by default. */
  readonly print?: (text: string) => void;
}

/** Runs every library benchmark, prints the tables (or the JSON) and writes bench-library.json. */
export async function runLibraryBench(options: LibraryBenchOptions): Promise<void> {
  const { repeat, workers, quick, log, only = SECTIONS, print = (text) => void process.stdout.write(text) } = options;
  const tasks = quick ? Math.min(options.tasks, 500) : options.tasks;
  const sections: { -readonly [K in Exclude<keyof LibraryReport, 'repeat'>]?: LibraryReport[K] } = {};
  if (only.includes('tiny')) {
    log?.(`Tiny tasks: ${tasks} over ${workers} workers`);
    sections.tiny = await runTinyTasks({ tasks, workers, repeat, log });
  }
  if (only.includes('first')) {
    log?.('Time to first result');
    sections.first = await runFirstResult({ repeat: quick ? repeat : Math.max(repeat, 10), log });
  }
  if (only.includes('messages')) {
    log?.('Messages');
    sections.messages = await runMessages({
      roundTrips: quick ? 50 : 2000,
      buffers: [
        { bytes: 1024 * 1024, count: quick ? 2 : 40 },
        { bytes: 64 * 1024 * 1024, count: quick ? 1 : 2 },
      ],
      repeat,
      log,
    });
  }
  if (only.includes('defaults')) {
    log?.('Fast by default');
    sections.defaults = await runDefaults(defaultsCounts({ quick, tasks: options.tasks, workers, capSeconds: options.capSeconds ?? 30 }), { repeat, log });
  }
  const report: LibraryReport & Record<string, unknown> = {
    kind: 'pprocess-library-bench',
    version: 1,
    date: new Date().toISOString(),
    machine: describeMachine(),
    repeat,
    sections: SECTIONS.filter((section) => only.includes(section)),
    ...sections,
  };
  await mkdir(options.outDir, { recursive: true });
  const path = join(options.outDir, 'bench-library.json');
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
  if (options.json) {
    print(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  print(`${formatLibraryReport(report)}\nWrote ${path}\n`);
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
      only: { type: 'string' },
      'cap-seconds': { type: 'string', default: '30' },
    },
  });
  const whole = (name: string, value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`--${name} must be a whole number ≥ 1, got ${value}`);
    return n;
  };
  const only = values.only?.split(',').map((name) => name.trim());
  const unknown = only?.find((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown !== undefined) throw new RangeError(`--only takes sections separated by commas, from ${SECTIONS.join(', ')}; got ${JSON.stringify(unknown)}`);
  await runLibraryBench({
    only: only as Section[] | undefined,
    capSeconds: whole('cap-seconds', values['cap-seconds']!),
    outDir: values['out-dir']!,
    repeat: whole('repeat', values.repeat!),
    tasks: whole('tasks', values.tasks!),
    workers: whole('workers', values.workers!),
    quick: values.quick!,
    json: values.json!,
    log: values.quiet ? undefined : (line) => process.stderr.write(`${line}\n`),
  });
}
