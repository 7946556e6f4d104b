// The render benchmark's results as a text table, with what each kind of
// measurement includes.
import type { ContenderResult, RenderBenchReport } from './report.js';

/** The columns of the table, in order. */
export const TABLE_COLUMNS = ['contender', 'procs', 'median', 'spread', 'speedup', 'efficiency', 'vs piscina'] as const;

/** The report as lines of text: a heading, the table, the peers missing, and what each measurement includes. */
export function formatTable(report: RenderBenchReport): string {
  const { scene, repeat } = report;
  const rows = report.results.map(rowOf);
  const widths = TABLE_COLUMNS.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  const out = [
    `${scene.path} at ${scene.width}×${scene.height}: medians of ${repeat} interleaved round${repeat === 1 ? '' : 's'} ` +
      'after a discarded warm-up round; spread = (max - min) / median; every image identical to the serial one',
    '',
    line(TABLE_COLUMNS),
    line(widths.map((w) => '-'.repeat(w))),
  ];
  let group: string | undefined;
  report.results.forEach((result, i) => {
    const key = result.cold ? 'cold' : result.family === 'serial' ? 'serial' : String(result.procs);
    if (group !== undefined && key !== group) out.push('');
    group = key;
    out.push(line(rows[i]!));
  });
  const missing = (Object.keys(report.peers) as Array<keyof typeof report.peers>).filter((name) => report.peers[name] === null);
  if (missing.length > 0) out.push('', `Not installed (not measured): ${missing.join(', ')}. Install with: npm install --save-dev piscina@5.3.2 workerpool@10.0.3`);
  const commands = report.results.filter((result) => result.serialPart !== null);
  if (commands.length > 0) {
    out.push('', 'The whole commands\' serial part (medians): from the start to the first row, and from the last row to the file:');
    for (const { name, procs, serialPart } of commands) {
      out.push(`  ${name}, ${procs}: ${serialPart!.toFirstRow.toFixed(3)} s, ${serialPart!.lastRowToFile.toFixed(3)} s`);
    }
  }
  out.push('', 'What a timed run includes:');
  // One line per kind of measurement, naming the contenders it applies to.
  const kinds = new Map<string, Set<string>>();
  for (const { includes, name } of report.results) {
    const names = kinds.get(includes) ?? new Set<string>();
    names.add(name);
    kinds.set(includes, names);
  }
  for (const [includes, names] of kinds) out.push(`  ${[...names].join(', ')}: ${includes}.`);
  return `${out.join('\n')}\n`;
}

function rowOf(result: ContenderResult): string[] {
  const { summary } = result;
  return [
    result.name,
    String(result.procs),
    `${summary.median.toFixed(3)} s`,
    `${(summary.spread * 100).toFixed(0)} %`,
    Number.isFinite(result.speedup) ? result.speedup.toFixed(2) : '–',
    Number.isFinite(result.efficiency) ? `${(result.efficiency * 100).toFixed(0)} %` : '–',
    result.vsPiscina === null ? '–' : result.vsPiscina.toFixed(3),
  ];
}
