// Results of the library benchmarks: timings turned into rates.
// Not public API, so from dist/ by path: the `bench` command's statistics.
import { summarize, type Summary } from '../../dist/render-bench/stats.js';

/** One alternative's timed runs and the rate they give. */
export interface RateResult {
  readonly name: string;
  /** What a timed run includes. */
  readonly includes: string;
  /** Every timed run, in seconds. */
  readonly seconds: readonly number[];
  readonly summary: Summary;
  /** Units of work (tasks, round trips, megabytes) per second, at the median time. */
  readonly perSecond: number;
}

/** The rate of `units` of work done in each of `seconds`. */
export function rateOf(name: string, includes: string, units: number, seconds: readonly number[]): RateResult {
  const summary = summarize(seconds);
  return { name, includes, seconds, summary, perSecond: units / summary.median };
}

/** Rows of `name  rate unit  spread  ratio` aligned, the ratio against the result named `against`. */
export function formatRates(results: readonly RateResult[], unit: string, against?: string): string[] {
  const base = results.find((r) => r.name === against)?.perSecond;
  const width = Math.max(...results.map((r) => r.name.length));
  return results.map((r) => {
    const ratio = base === undefined ? '' : `  ${(r.perSecond / base).toFixed(2)}× ${against}`;
    const rate = r.perSecond >= 100 ? Math.round(r.perSecond).toLocaleString('en-US') : r.perSecond.toFixed(1);
    return `  ${r.name.padEnd(width)}  ${rate.padStart(10)} ${unit}  spread ${(r.summary.spread * 100).toFixed(0).padStart(3)} %${ratio}`;
  });
}
