import { describe, expect, test } from 'vitest';
import { chartSvg } from '../../src/render-bench/chart.js';
import { formatTable, TABLE_COLUMNS } from '../../src/render-bench/table.js';
import { reportFixture } from './report-fixture.js';

describe('render benchmark report', () => {
  const report = reportFixture();
  const byId = Object.fromEntries(report.results.map((r) => [r.id, r]));

  test('speedup and efficiency are against the serial median; whole commands against the serial command', () => {
    expect(byId['pprocess-map-pool-2']).toMatchObject({ speedup: 2, efficiency: 1 });
    expect(byId['pprocess-map-pool-2']!.summary).toMatchObject({ median: 0.5, min: 0.48, max: 0.52 });
    expect(byId['cold-map-2']).toMatchObject({ speedup: 1.5, efficiency: 0.75, vsPiscina: null });
  });

  test('whole commands report the medians of their serial part, without the warm-up round', () => {
    expect(byId['cold-map-2']!.serialPart).toEqual({ toFirstRow: 0.25, lastRowToFile: 0.02 });
    expect(byId['pprocess-map-pool-2']!.serialPart).toBeNull();
    expect(formatTable(report)).toMatch(/^ {2}render command, map, 2: 0\.250 s, 0\.020 s$/m);
  });

  test('the ratio to piscina compares medians at the same number of workers', () => {
    expect(byId['pprocess-map-pool-1']!.vsPiscina).toBeCloseTo(1.02);
    expect(byId['pprocess-map-pool-2']!.vsPiscina).toBeCloseTo(1);
  });

  test('the table has every column and a row per contender, and says what each run includes', () => {
    const text = formatTable(report);
    const header = text.split('\n').find((line) => line.startsWith('contender'))!;
    expect(header.split(/\s{2,}/)).toEqual([...TABLE_COLUMNS]);
    expect(text).toMatch(/^pprocess map, pool +2 +0\.500 s +8 % +2\.00 +100 % +1\.000$/m);
    expect(text).toMatch(/^render command, map +2 +1\.000 s +0 % +1\.50 +75 % +–$/m);
    expect(text).toContain('What a timed run includes:');
    expect(text).toContain('  pprocess map, pool: pprocess map, pool work.');
  });

  test('a peer that is not installed is named, with how to install it', () => {
    expect(formatTable(report)).toMatch(/Not installed \(not measured\): workerpool\. Install with: npm install --save-dev/);
    const without = formatTable(reportFixture({ piscina: null, workerpool: null }));
    expect(without).toContain('Not installed (not measured): piscina, workerpool');
    expect(without).toMatch(/^pprocess map, pool +2 .* +–$/m);
  });

  test('the chart plots a line per contender and the ideal line', () => {
    const svg = chartSvg(report);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    for (const label of ['ideal', 'pprocess map, pool', 'piscina', 'render command, map (cold)']) expect(svg).toContain(`>${label}</text>`);
    expect(svg.match(/<polyline /g)).toHaveLength(3);
    expect(svg).not.toContain('>serial</text>');
  });
});
