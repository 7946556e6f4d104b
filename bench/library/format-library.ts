// The library benchmarks' results as text tables.
import type { DefaultsReport } from './defaults.js';
import type { FirstResult } from './first-result.js';
import { formatDefaults } from './format-defaults.js';
import { label, type MessageReport } from './messages.js';
import { formatRates, type RateResult } from './rates.js';
import type { TinyTaskReport } from './tiny-tasks.js';

/** What the library benchmarks measured (see `runLibraryBench`): the sections that ran. */
export interface LibraryReport {
  readonly repeat: number;
  readonly tiny?: TinyTaskReport;
  readonly first?: readonly FirstResult[];
  readonly messages?: MessageReport;
  readonly defaults?: DefaultsReport;
}

/** The tables of the sections that ran, each followed by what its timed runs include. */
export function formatLibraryReport({ repeat, tiny, first, messages, defaults }: LibraryReport): string {
  const tables = [
    ...(tiny ? [formatTiny(tiny, repeat)] : []),
    ...(first ? [formatFirst(first)] : []),
    ...(messages ? [formatMessages(messages)] : []),
    ...(defaults ? [formatDefaults(defaults)] : []),
  ];
  return `${tables.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}

function formatTiny(tiny: TinyTaskReport, repeat: number): string[] {
  const piscina = tiny.results.find((r) => r.name.startsWith('piscina'))?.name;
  return [
    `Tiny tasks: ${tiny.tasks.toLocaleString('en-US')} trivial tasks over ${tiny.workers} workers (medians of ${repeat} interleaved rounds)`,
    ...formatRates(tiny.results, 'tasks/s', piscina),
    ...(tiny.notInstalled.length ? [`  not installed (not measured): ${tiny.notInstalled.join(', ')}`] : []),
    ...includes(tiny.results),
  ];
}

function formatFirst(first: readonly FirstResult[]): string[] {
  return [
    'Time to first result (medians)',
    ...first.map(
      (f) =>
        `  ${f.name.padEnd(36)} ${f.summary.median.toFixed(1).padStart(7)} ms  spread ${(f.summary.spread * 100).toFixed(0).padStart(3)} %  ` +
        `${f.vsBareNode.toFixed(2)}× bare node`,
    ),
    ...includes(first),
  ];
}

function formatMessages(messages: MessageReport): string[] {
  const ipc = 'Node IPC (advanced)';
  return [
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
}

// "includes" lines under a table: per result, or one for all (`each`).
function includes(results: ReadonlyArray<Pick<RateResult, 'name' | 'includes'>>, each?: 'each'): string[] {
  if (each) return results.map((r) => `    (each: ${r.includes})`);
  return results.map((r) => `    ${r.name}: ${r.includes}`);
}
