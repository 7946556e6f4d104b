// The defaults benchmark's rows as text: each ratio beside its target and
// verdict, then what each measure includes.
import type { DefaultsReport } from './defaults.js';
import { targetText, type DefaultsRow, type Measure, type Reference } from './default-rows.js';

/** The "Fast by default" table. */
export function formatDefaults({ counts, repeat, atTargetSizes, rows, met }: DefaultsReport): string[] {
  const width = Math.max(...rows.map((row) => row.title.length));
  return [
    `Fast by default: ratios measured side by side (medians of ${repeat} interleaved rounds), ${met} of ${rows.length} targets met`,
    ...(atTargetSizes ? [] : [`  small counts (${counts.items} items, ${counts.roundTrips} round trips, ${counts.tasks} tasks): the verdicts are not the targets'`]),
    ...rows.map((row) => `  ${row.title.padEnd(width)}  ${ratioText(row).padStart(8)}  target ${targetText(row.target).padEnd(7)}  ${row.met ? 'met' : 'NOT MET'}`),
    ...rows.flatMap((row) => [`    ${row.key}:`, `      ${measureText(row.measure, row)}`, `      ${measureText(row.baseline, row)}`]),
  ];
}

function ratioText(row: DefaultsRow): string {
  const { ratio } = row;
  return `${ratio >= 10 ? ratio.toFixed(1) : ratio >= 0.01 ? ratio.toFixed(2) : ratio.toPrecision(2)}×`;
}

// One side of a row: its median (or rate), spread and what it includes.
function measureText(side: Measure | Reference, row: DefaultsRow): string {
  if (!('summary' in side)) {
    const scaled = side.scaledSeconds === side.seconds ? '' : ` (${seconds(side.scaledSeconds)} scaled to this run's count)`;
    return `${side.name}: ${seconds(side.seconds)} for ${side.count.toLocaleString('en-US')}${scaled}`;
  }
  const value = row.ratioOf === 'rate' && side.perSecond !== undefined ? `${rate(side.perSecond)}/s` : seconds(side.summary.median);
  const spread = `spread ${(side.summary.spread * 100).toFixed(0)} %`;
  return `${side.name}: ${value}, ${spread}${side.extrapolated ? ', extrapolated from runs stopped at the time cap' : ''} (${side.includes})`;
}

function rate(perSecond: number): string {
  return perSecond >= 100 ? Math.round(perSecond).toLocaleString('en-US') : perSecond.toFixed(1);
}

function seconds(value: number): string {
  return value >= 1 ? `${value.toFixed(2)} s` : `${(value * 1000).toFixed(1)} ms`;
}
