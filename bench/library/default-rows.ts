// The rows of the "defaults" benchmark: two things measured side by side
// (or one against a published figure), the ratio between them, the target
// that ratio must meet and whether this run met it.
// Not public API, so from dist/ by path: the `bench` command's statistics.
import { summarize, type Summary } from '../../dist/render-bench/stats.js';

/** One alternative's timed samples. */
export interface Measure {
  readonly name: string;
  /** What a sample includes. */
  readonly includes: string;
  /** Every timed sample, in seconds (extrapolated to the whole run where `extrapolated`). */
  readonly seconds: readonly number[];
  readonly summary: Summary;
  /** Units of work per sample, when the row compares rates. */
  readonly units?: number;
  /** `units` per second at the median time, when the row compares rates. */
  readonly perSecond?: number;
  /**
   * Samples stopped at the time cap: each is the cap's elapsed time scaled
   * up to every unit, from the units done by then.
   */
  readonly extrapolated?: boolean;
}

/** A figure measured elsewhere, on this machine kind: what a row's own measure is held against. */
export interface Reference {
  readonly name: string;
  readonly seconds: number;
  /** The count of items or round trips the figure is for. */
  readonly count: number;
  /** The figure scaled to this run's count (linearly), when the counts differ (quick runs). */
  readonly scaledSeconds: number;
}

/** How a ratio must compare with a target's bound. */
export type Comparison = 'at most' | 'at least' | 'less than' | 'more than';

/** What a row's ratio must be. */
export interface Target {
  readonly comparison: Comparison;
  readonly ratio: number;
}

/** One row: a measure against a baseline, as a ratio, with its target and verdict. */
export interface DefaultsRow {
  /** A stable key, e.g. `pmap-defaults-vs-reused`. */
  readonly key: string;
  /** What is compared. */
  readonly title: string;
  readonly measure: Measure;
  readonly baseline: Measure | Reference;
  /** `time`: the measure's median time over the baseline's; `rate`: its rate over the baseline's. */
  readonly ratioOf: 'time' | 'rate';
  readonly ratio: number;
  readonly target: Target;
  /** Whether `ratio` meets `target` in this run. */
  readonly met: boolean;
}

/** The measure of samples in seconds (rates too, when `units` is given). */
export function measureOf(name: string, includes: string, seconds: readonly number[], extra: { units?: number; extrapolated?: boolean } = {}): Measure {
  const summary = summarize(seconds);
  const { units, extrapolated } = extra;
  return {
    name,
    includes,
    seconds,
    summary,
    ...(units === undefined ? {} : { units, perSecond: units / summary.median }),
    ...(extrapolated ? { extrapolated } : {}),
  };
}

/** A row comparing median times: `measure` over `baseline` (a measure or a reference figure). */
export function timeRow(key: string, title: string, measure: Measure, baseline: Measure | Reference, target: Target): DefaultsRow {
  const base = 'summary' in baseline ? baseline.summary.median : baseline.scaledSeconds;
  return row({ key, title, measure, baseline, ratioOf: 'time', ratio: measure.summary.median / base, target });
}

/** A row comparing rates (both measures need `units`): `measure`'s rate over `baseline`'s. */
export function rateRow(key: string, title: string, measure: Measure, baseline: Measure, target: Target): DefaultsRow {
  if (measure.perSecond === undefined || baseline.perSecond === undefined) throw new TypeError(`row ${key}: a rate row needs units on both measures`);
  return row({ key, title, measure, baseline, ratioOf: 'rate', ratio: measure.perSecond / baseline.perSecond, target });
}

/** A published figure for `count` items, held against a run of `runCount`. */
export function referenceOf(name: string, seconds: number, count: number, runCount: number): Reference {
  return { name, seconds, count, scaledSeconds: (seconds * runCount) / count };
}

/** Whether `ratio` meets `target`. */
export function meets(ratio: number, { comparison, ratio: bound }: Target): boolean {
  switch (comparison) {
    case 'at most':
      return ratio <= bound;
    case 'at least':
      return ratio >= bound;
    case 'less than':
      return ratio < bound;
    case 'more than':
      return ratio > bound;
  }
}

/** `≤ 1.5×`, `≥ 0.9×`, `< 1×`, `> 1×`. */
export function targetText({ comparison, ratio }: Target): string {
  const sign = { 'at most': '≤', 'at least': '≥', 'less than': '<', 'more than': '>' }[comparison];
  return `${sign} ${ratio}×`;
}

function row(fields: Omit<DefaultsRow, 'met'>): DefaultsRow {
  return { ...fields, met: Number.isFinite(fields.ratio) && meets(fields.ratio, fields.target) };
}
