// The whole-command benchmark run for real at a tiny size: every command
// reports its timings and processor time, its image matches, and the table
// gives the ratios between process counts.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { getNumberOfCores } from '../../../src/pprocess/index.js';
import { main } from '../../../bench/command/main.js';
import type { CommandBenchReport } from '../../../bench/command/command-table.js';
import { waitForNoChildren } from '../helpers.js';

test('times the serial command, the map on 1 and 2 processes, the command given no options and 2 serial commands at once and a bare node, with the serial part of each', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'command-bench-'));
  const report = await main(['--width', '24', '--height', '16', '--procs', '1,2', '--repeat', '1', '--out-dir', outDir, '--quiet', '--json']);
  expect(report.results.map((r) => [r.name, r.procs])).toEqual([
    ['render command, serial', 1],
    ['render command, map', 1],
    ['render command, map', 2],
    ['render command, no options', getNumberOfCores()],
    ['serial commands at once', 2],
    ['tracer, in process', 1],
    ['node -e 0', 1],
  ]);
  for (const result of report.results.slice(0, 4)) {
    expect(result.wall.count).toBe(1);
    // The command's own marks: its first row after it started, its file after its last row, within its run.
    expect(result.firstRow!.median).toBeGreaterThan(0);
    expect(result.lastRowToFile!.median).toBeGreaterThanOrEqual(0);
    expect(result.firstRow!.median).toBeLessThan(result.wall.median);
    // The processes it created count: at least as much processor time as one node starting up.
    expect(result.cpu!.median).toBeGreaterThan(0);
  }
  // Two commands at once: their processor time added up, and no serial part of its own.
  const atOnce = report.results[4]!;
  expect(atOnce.wall.count).toBe(1);
  expect(atOnce.cpu!.median).toBeGreaterThan(report.results[0]!.cpu!.median);
  expect([atOnce.firstRow, atOnce.lastRowToFile]).toEqual([null, null]);
  // A bare node: timed, and quicker than the slowest render command.
  const bare = report.results[6]!;
  expect(bare.wall.median).toBeGreaterThan(0);
  expect(bare.wall.median).toBeLessThan(Math.max(...report.results.slice(0, 4).map((r) => r.wall.median)));
  const saved = JSON.parse(readFileSync(join(outDir, 'bench-command.json'), 'utf8')) as CommandBenchReport;
  expect(saved).toMatchObject({ kind: 'pprocess-command-bench', scene: { width: 24, height: 16 }, repeat: 1 });
  expect(await waitForNoChildren()).toEqual([]);
}, 120_000);
