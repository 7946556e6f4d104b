// The "fast by default" benchmark at tiny sizes, one round, as
// `main.js --only defaults --quick` runs it: every row has numbers, a target
// and a verdict that follows from them, and the JSON holds them all. No
// timings are asserted.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { meets, rateRow, referenceOf, timeRow, measureOf, type DefaultsRow } from '../../../bench/library/default-rows.js';
import { DEFAULTS_ROWS, type DefaultsReport } from '../../../bench/library/defaults.js';
import { formatLibraryReport } from '../../../bench/library/format-library.js';
import { runLibraryBench } from '../../../bench/library/main.js';
import { waitForNoChildren } from '../helpers.js';

describe('the defaults benchmark', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    expect(await waitForNoChildren()).toEqual([]);
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  test('--only defaults, quick: every row measured, with its target and verdict, in bench-library.json', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'pprocess-defaults-'));
    dirs.push(outDir);
    const printed: string[] = [];
    // A one-second cap stops a slow pmap early: its time is then extrapolated.
    await runLibraryBench({ only: ['defaults'], outDir, repeat: 1, tasks: 20, workers: 2, quick: true, json: false, capSeconds: 1, print: (text) => printed.push(text) });
    const report = JSON.parse(await readFile(join(outDir, 'bench-library.json'), 'utf8')) as { sections: string[]; defaults: DefaultsReport; tiny?: unknown };
    expect(report.sections).toEqual(['defaults']);
    expect(report.tiny).toBeUndefined();
    const { defaults } = report;
    expect(defaults).toMatchObject({ repeat: 1, atTargetSizes: false, counts: { items: 6, roundTrips: 50, tasks: 20, workers: 2, capSeconds: 1 } });
    // The six targets, and the four patterns against the original.
    expect(DEFAULTS_ROWS).toHaveLength(10);
    expect(defaults.rows.map((row) => row.key)).toEqual(DEFAULTS_ROWS);
    for (const row of defaults.rows) {
      expect(row.measure.seconds, row.key).toHaveLength(1);
      expect(row.measure.summary.median, row.key).toBeGreaterThan(0);
      expect(Number.isFinite(row.ratio) && row.ratio > 0, row.key).toBe(true);
      expect(typeof row.met, row.key).toBe('boolean');
      expect(row.met, row.key).toBe(meets(row.ratio, row.target));
      expect(row.ratio, row.key).toBeCloseTo(ratioFrom(row), 6);
    }
    expect(defaults.met).toBe(defaults.rows.filter((row) => row.met).length);
    const reference = defaults.rows.find((row) => row.key === 'original-channel')!.baseline;
    expect(reference).toMatchObject({ seconds: 0.15, count: 2000 });
    expect(reference).toHaveProperty('scaledSeconds', (0.15 * 50) / 2000);

    const text = printed.join('');
    expect(text).toMatch(/Fast by default: .* \d+ of 10 targets met/);
    expect(text).toMatch(/against the same call with \{ reuse: true \} +[\d.]+× +target ≤ 1\.5× +(met|NOT MET)/);
    expect(text).toBe(`${formatLibraryReport(report as never)}\nWrote ${join(outDir, 'bench-library.json')}\n`);
  }, 240_000);

  test('--only names its sections', async () => {
    const main = fileURLToPath(new URL('../../../bench-build/library/main.js', import.meta.url));
    const failure = await promisify(execFile)(process.execPath, [main, '--only', 'defaults,speed']).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain('--only takes sections separated by commas, from tiny, first, messages, defaults; got "speed"');
  }, 30_000);

  test.each([
    ['at most', 1.5, 1.5, true],
    ['at most', 1.5, 1.51, false],
    ['at least', 0.9, 0.9, true],
    ['at least', 0.9, 0.89, false],
    ['less than', 1, 1, false],
    ['less than', 1, 0.99, true],
    ['more than', 1, 1, false],
    ['more than', 1, 1.01, true],
  ] as const)('a ratio %s %d: %d meets it: %s', (comparison, bound, ratio, met) => {
    expect(meets(ratio, { comparison, ratio: bound })).toBe(met);
  });

  test('rows: times divide, rates divide the other way, a reference scales to the run', () => {
    const slow = measureOf('slow', 'x', [2, 4, 3], { units: 100 });
    const fast = measureOf('fast', 'x', [1, 1, 1], { units: 100 });
    expect(timeRow('t', 'time', slow, fast, { comparison: 'at most', ratio: 1.5 })).toMatchObject({ ratio: 3, met: false });
    const rates = rateRow('r', 'rate', slow, fast, { comparison: 'at least', ratio: 0.3 });
    expect(rates.ratio).toBeCloseTo(1 / 3, 12);
    expect(rates.met).toBe(true);
    expect(timeRow('o', 'original', fast, referenceOf('original', 0.2, 200, 100), { comparison: 'less than', ratio: 1 })).toMatchObject({ ratio: 10, met: false });
    expect(() => rateRow('u', 'no units', measureOf('a', 'x', [1]), fast, { comparison: 'at least', ratio: 1 })).toThrow(/rate row needs units/);
  });
});

// The ratio a row's own numbers give.
function ratioFrom(row: DefaultsRow): number {
  const { measure, baseline } = row;
  if (row.ratioOf === 'rate') return measure.perSecond! / (baseline as { perSecond: number }).perSecond;
  return measure.summary.median / ('summary' in baseline ? baseline.summary.median : baseline.scaledSeconds);
}
