// The render benchmark's results as data: what output/bench.json holds and
// what the table and the chart are drawn from.
import { cpus, loadavg } from 'node:os';
import { getNumberOfCores } from '../pprocess/index.js';
import { median, summarize, type Summary } from './stats.js';
import type { Contender, Family } from './contender.js';

/** One contender's timings and the figures derived from them. */
export interface ContenderResult {
  readonly id: string;
  readonly name: string;
  readonly family: Family;
  readonly strategy: string | null;
  readonly procs: number;
  readonly cold: boolean;
  readonly includes: string;
  /** Every timed run, in seconds, in the order they ran. */
  readonly seconds: readonly number[];
  /** Median, extremes and spread of `seconds`. */
  readonly summary: Summary;
  /** The serial median over this median (the serial command's, for whole commands). */
  readonly speedup: number;
  /** `speedup / procs`. */
  readonly efficiency: number;
  /** This median over piscina's with as many workers; `null` without piscina or for whole commands. */
  readonly vsPiscina: number | null;
  /**
   * Whole commands: the medians of the serial part, in seconds, from the
   * command's start to its first row and from its last row to the file
   * written; `null` for the others.
   */
  readonly serialPart: { readonly toFirstRow: number; readonly lastRowToFile: number } | null;
}

/** A peer pool: its installed version, or `null` when it is not installed. */
export type PeerVersions = Record<'piscina' | 'workerpool', string | null>;

/** What output/bench.json holds. */
export interface RenderBenchReport {
  readonly kind: 'pprocess-render-bench';
  readonly version: 1;
  readonly date: string;
  readonly machine: { cores: number; logicalCpus: number; cpuModel: string; node: string; platform: string; loadAverage: number[] };
  readonly scene: { path: string; width: number; height: number; seed: number };
  /** Timed rounds (after one discarded warm-up round). */
  readonly repeat: number;
  /** Rows per task for each number of workers (the same for every contender). */
  readonly rowsPerTask: Record<string, number>;
  readonly peers: PeerVersions;
  /** Whether every contender's pixels matched the serial render's, byte for byte. */
  readonly identicalPixels: true;
  readonly results: readonly ContenderResult[];
}

/** What the runner measured, before the derived figures. */
export interface Measured {
  readonly contender: Contender;
  readonly seconds: number[];
}

/** Derives speedups, efficiencies and ratios to piscina from the raw timings. */
export function deriveResults(measured: readonly Measured[]): ContenderResult[] {
  const summaries = new Map(measured.map(({ contender, seconds }) => [contender.id, summarize(seconds)]));
  const medianOf = (predicate: (c: Contender) => boolean): number | undefined => {
    const found = measured.find(({ contender }) => predicate(contender));
    return found && summaries.get(found.contender.id)!.median;
  };
  return measured.map(({ contender: c, seconds }) => {
    const summary = summaries.get(c.id)!;
    const serial = medianOf((o) => o.family === 'serial' && o.cold === c.cold);
    const piscina = c.cold ? undefined : medianOf((o) => o.family === 'piscina' && o.procs === c.procs);
    const speedup = serial === undefined ? NaN : serial / summary.median;
    return {
      id: c.id,
      name: c.name,
      family: c.family,
      strategy: c.strategy ?? null,
      procs: c.procs,
      cold: c.cold,
      includes: c.includes,
      seconds,
      summary,
      speedup,
      efficiency: speedup / c.procs,
      vsPiscina: piscina === undefined ? null : summary.median / piscina,
      serialPart: serialPartOf(c),
    };
  });
}

// The medians of the timed runs' serial parts (the warm-up round's dropped).
function serialPartOf(contender: Contender): ContenderResult['serialPart'] {
  const parts = contender.serialParts?.();
  if (!parts || parts.toFirstRow.length < 2) return null;
  return { toFirstRow: median(parts.toFirstRow.slice(1)), lastRowToFile: median(parts.lastRowToFile.slice(1)) };
}

/** The machine the benchmark ran on. */
export function describeMachine(): RenderBenchReport['machine'] {
  const logical = cpus();
  return {
    cores: getNumberOfCores(),
    logicalCpus: logical.length,
    cpuModel: logical[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: loadavg().map((n) => Math.round(n * 100) / 100),
  };
}
