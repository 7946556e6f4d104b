// The command benchmark's report, and the report as a text table with the
// ratios between process counts.
// Not public API, so from dist/ by path: the `bench` command's report and statistics.
import type { RenderBenchReport } from '../../dist/render-bench/report.js';
import type { Summary } from '../../dist/render-bench/stats.js';
import { BARE_NODE, SERIAL_AT_ONCE, type CommandResult } from './command-bench.js';

/** What output/bench-command.json holds. */
export interface CommandBenchReport {
  readonly kind: 'pprocess-command-bench';
  readonly version: 1;
  readonly date: string;
  readonly machine: RenderBenchReport['machine'];
  /** The load average when the benchmark ended (`machine` has it when it began). */
  readonly loadAverageAfter: number[];
  readonly scene: RenderBenchReport['scene'];
  readonly repeat: number;
  /** The processes the command uses when given no --procs: the number of cores. */
  readonly defaultProcs: number;
  readonly results: readonly CommandResult[];
}

const seconds = (summary: Summary | null, digits = 3) => (summary ? `${(summary.median / 1000).toFixed(digits)} s` : '–');

/** The table: medians per contender, then each map run against the map on one process. */
export function formatCommandTable(report: CommandBenchReport): string {
  const { scene, repeat, machine } = report;
  const header = ['contender', 'procs', 'wall', 'spread', 'cpu', 'to first row', 'last row to file'];
  const rows = report.results.map((r) => [
    r.name,
    String(r.procs),
    seconds(r.wall),
    `${(r.wall.spread * 100).toFixed(0)} %`,
    seconds(r.cpu),
    seconds(r.firstRow),
    seconds(r.lastRowToFile),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const out = [
    `${scene.path} at ${scene.width}×${scene.height}: medians of ${repeat} interleaved rounds after a warm-up round; ` +
      `load average ${machine.loadAverage.join(' ')} before, ${report.loadAverageAfter.join(' ')} after`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ];
  const maps = report.results.filter((r) => r.name === 'render command, map');
  const one = maps.find((r) => r.procs === 1);
  if (one) {
    out.push('', 'Against the map strategy on 1 process (medians):');
    for (const r of maps.filter((m) => m.procs > 1)) {
      const cpu = r.cpu && one.cpu ? `, processor time ${(r.cpu.median / one.cpu.median).toFixed(3)}×` : '';
      out.push(`  ${r.procs} processes: ${(one.wall.median / r.wall.median).toFixed(3)}× as fast${cpu}`);
    }
  }
  // The serial command is the other one-process baseline: it boots no process.
  const serial = report.results.find((r) => r.name === 'render command, serial');
  const others = report.results.filter((r) => r.name !== 'render command, serial' && r.name.startsWith('render command'));
  if (serial && others.length) {
    out.push('', 'Against the serial command (medians):');
    for (const r of others) {
      const cpu = r.cpu && serial.cpu ? `, processor time ${(r.cpu.median / serial.cpu.median).toFixed(3)}×` : '';
      out.push(`  ${r.name.replace('render command, ', '')} (${r.procs}): ${(serial.wall.median / r.wall.median).toFixed(3)}× as fast${cpu}`);
    }
  }
  // N serial commands at once did N commands' work: what N processes gain on this machine at best.
  const atOnce = report.results.find((r) => r.name === SERIAL_AT_ONCE);
  if (serial && atOnce) {
    const ceiling = (atOnce.procs * serial.wall.median) / atOnce.wall.median;
    const cpu = atOnce.cpu && serial.cpu ? `; each took ${(atOnce.cpu.median / atOnce.procs / serial.cpu.median).toFixed(3)}× the processor time of one alone` : '';
    out.push('', `The machine's ceiling: ${atOnce.procs} serial commands at once did their work ${ceiling.toFixed(3)}× as fast as one after another${cpu}.`);
    for (const r of maps.filter((m) => m.procs === atOnce.procs)) {
      if (one) out.push(`  map on ${r.procs} processes against 1: ${(one.wall.median / r.wall.median / ceiling * 100).toFixed(1)} % of that ceiling`);
    }
  }
  // Node's own start-up drifts with the machine; what the command adds to it does less.
  const bare = report.results.find((r) => r.name === BARE_NODE);
  if (serial && bare) {
    const beyond = (r: CommandResult) => `${((r.wall.median - bare.wall.median) / 1000).toFixed(3)} s`;
    const noOptions = report.results.find((r) => r.name === 'render command, no options');
    out.push('', `Beyond a bare node (${seconds(bare.wall)}): the serial command ${beyond(serial)}${noOptions ? `, the command given no options ${beyond(noOptions)}` : ''}.`);
  }
  out.push(
    '',
    'wall: from spawning node to its exit (the tracer: render() in this process, warm). cpu: user + system time of the',
    'command and every process it created. to first row: from the command\'s start. serial commands at once: that many',
    'serial commands started together, wall until the last exits, cpu added up. The images match byte for byte.',
  );
  return `${out.join('\n')}\n`;
}
