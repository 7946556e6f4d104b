// The library benchmarks' results as text tables.
import type { FirstResult } from './first-result.js';
import { label, type MessageReport } from './messages.js';
import { formatRates, type RateResult } from './rates.js';
import type { TinyTaskReport } from './tiny-tasks.js';

/** What the library benchmarks measured (see `runLibraryBench`). */
export interface LibraryReport {
  readonly repeat: number;
  readonly tiny: TinyTaskReport;
  readonly first: readonly FirstResult[];
  readonly messages: MessageReport;
}

/** The tables, each followed by what its timed runs include. */
export function formatLibraryReport({ repeat, tiny, first, messages }: LibraryReport): string {
  const piscina = tiny.results.find((r) => r.name.startsWith('piscina'))?.name;
  const ipc = 'Node IPC (advanced)';
  const lines = [
    `Tiny tasks: ${tiny.tasks.toLocaleString('en-US')} trivial tasks over ${tiny.workers} workers (medians of ${repeat} interleaved rounds)`,
    ...formatRates(tiny.results, 'tasks/s', piscina),
    ...(tiny.notInstalled.length ? [`  not installed (not measured): ${tiny.notInstalled.join(', ')}`] : []),
    ...includes(tiny.results),
    '',
    'Time to first result (medians)',
    ...first.map(
      (f) =>
        `  ${f.name.padEnd(36)} ${f.summary.median.toFixed(1).padStart(7)} ms  spread ${(f.summary.spread * 100).toFixed(0).padStart(3)} %  ` +
        `${f.vsBareNode.toFixed(2)}× bare node`,
    ),
    ...includes(first),
    '',
    `Round trips of a small message (${messages.latency.message}), one at a time`,
    ...formatRates(messages.latency.results, 'round trips/s', ipc),
    ...includes(messages.latency.results.slice(0, 1), 'each'),
    ...messages.buffers.flatMap(({ bytes, results }) => [
      '',
      `${label(bytes)} Buffers, echoed one at a time`,
      ...formatRates(results, 'MB/s', ipc),
      ...includes(results.slice(0, 1), 'each'),
    ]),
  ];
  return `${lines.join('\n')}\n`;
}

// "includes" lines under a table: per result, or one for all (`each`).
function includes(results: ReadonlyArray<Pick<RateResult, 'name' | 'includes'>>, each?: 'each'): string[] {
  if (each) return results.map((r) => `    (each: ${r.includes})`);
  return results.map((r) => `    ${r.name}: ${r.includes}`);
}
