// The render benchmark's chart: speedup over the serial render against the
// number of processes, one line per contender, with the ideal line.
import { writeFile } from 'node:fs/promises';
import type { ContenderResult, RenderBenchReport } from './report.js';

const WIDTH = 760;
const HEIGHT = 440;
const PLOT = { left: 60, right: 520, top: 50, bottom: 380 };
const COLOURS = ['#d62728', '#1f77b4', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];

/** A line of the chart: one contender's speedup at each number of processes. */
interface Series {
  readonly label: string;
  /** Strategies run through render() are drawn thinner: the pools and the peers are the comparison. */
  readonly minor: boolean;
  readonly points: ReadonlyArray<readonly [procs: number, speedup: number]>;
}

/** The chart of `report` as an SVG document. */
export function chartSvg(report: RenderBenchReport): string {
  const series = seriesOf(report.results);
  const maxProcs = Math.max(1, ...report.results.map((r) => r.procs));
  const top = Math.ceil(Math.max(maxProcs, ...series.flatMap((s) => s.points.map(([, y]) => y))) * 1.1 * 2) / 2;
  const x = (procs: number) => PLOT.left + (maxProcs === 1 ? 0.5 : (procs - 1) / (maxProcs - 1)) * (PLOT.right - PLOT.left);
  const y = (speedup: number) => PLOT.bottom - (speedup / top) * (PLOT.bottom - PLOT.top);
  const parts: string[] = [
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    text((PLOT.left + PLOT.right) / 2, 26, `Speedup over serial: ${report.scene.width}×${report.scene.height}, ${basename(report.scene.path)}`, 15, 'middle', 'bold'),
  ];
  for (let p = 1; p <= maxProcs; p++) {
    parts.push(line(x(p), PLOT.bottom, x(p), PLOT.top, '#eee'), text(x(p), PLOT.bottom + 18, String(p), 12, 'middle'));
  }
  for (let s = 0; s <= top + 1e-9; s += top <= 4 ? 0.5 : 1) {
    parts.push(line(PLOT.left, y(s), PLOT.right, y(s), '#eee'), text(PLOT.left - 8, y(s) + 4, s.toFixed(1), 12, 'end'));
  }
  parts.push(
    line(PLOT.left, PLOT.bottom, PLOT.right, PLOT.bottom, '#333'),
    line(PLOT.left, PLOT.bottom, PLOT.left, PLOT.top, '#333'),
    text((PLOT.left + PLOT.right) / 2, PLOT.bottom + 40, 'processes (or threads)', 13, 'middle'),
    `<text x="18" y="${(PLOT.top + PLOT.bottom) / 2}" font-family="sans-serif" font-size="13" text-anchor="middle" transform="rotate(-90 18 ${(PLOT.top + PLOT.bottom) / 2})">speedup</text>`,
  );
  const legend = (i: number, colour: string, label: string, dash = '') => {
    const ly = PLOT.top + 8 + i * 20;
    parts.push(line(PLOT.right + 20, ly, PLOT.right + 44, ly, colour, 2.5, dash), text(PLOT.right + 50, ly + 4, label, 12, 'start'));
  };
  parts.push(line(x(1), y(1), x(maxProcs), y(maxProcs), '#555', 1.5, '6 4'));
  legend(0, '#555', 'ideal', '6 4');
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length]!;
    const path = s.points.map(([p, v]) => `${x(p).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    const look = s.minor ? 'stroke-width="1.5" stroke-opacity="0.6"' : 'stroke-width="2.5"';
    parts.push(`<polyline points="${path}" fill="none" stroke="${colour}" ${look}/>`);
    for (const [p, v] of s.points) parts.push(`<circle cx="${x(p).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3.5" fill="${colour}"/>`);
    legend(i + 1, colour, s.label);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">\n${parts.join('\n')}\n</svg>\n`;
}

/** Writes the chart as SVG at `svgPath` and as PNG at `pngPath`. */
export async function writeChart(report: RenderBenchReport, svgPath: string, pngPath: string): Promise<void> {
  const svg = chartSvg(report);
  await writeFile(svgPath, svg);
  // Loaded here, not with the command line: only the benchmark needs it.
  const { default: sharp } = await import('sharp');
  await sharp(Buffer.from(svg)).png({ compressionLevel: 9, palette: true }).toFile(pngPath);
}

// One series per contender name (whole commands apart), in report order; serial is the 1.0 baseline.
function seriesOf(results: readonly ContenderResult[]): Series[] {
  const byLabel = new Map<string, { minor: boolean; points: Array<[number, number]> }>();
  for (const result of results) {
    if (result.family === 'serial' || !Number.isFinite(result.speedup)) continue;
    const label = `${result.name}${result.cold ? ' (cold)' : ''}`;
    const minor = !result.cold && result.id === `pprocess-${result.strategy}-${result.procs}`;
    const series = byLabel.get(label) ?? { minor, points: [] };
    series.points.push([result.procs, result.speedup]);
    byLabel.set(label, series);
  }
  return [...byLabel].map(([label, { minor, points }]) => ({ label, minor, points }));
}

function line(x1: number, y1: number, x2: number, y2: number, stroke: string, width = 1, dash = ''): string {
  const dashes = dash ? ` stroke-dasharray="${dash}"` : '';
  return `<line x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" stroke="${stroke}" stroke-width="${width}"${dashes}/>`;
}

function text(x: number, y: number, content: string, size: number, anchor: 'start' | 'middle' | 'end', weight = 'normal'): string {
  const escaped = content.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="sans-serif" font-size="${size}" font-weight="${weight}" text-anchor="${anchor}">${escaped}</text>`;
}

function basename(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
