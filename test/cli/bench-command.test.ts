// The bench command run as a real process, at tiny sizes and one round:
// what it prints and writes, and how it refuses bad options. No timings
// are asserted: only that they were measured.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { TABLE_COLUMNS } from '../../src/render-bench/table.js';
import { scenePath } from '../raytracer/helpers/scenes.js';
import { runCli } from './helpers.js';

const pygmy = scenePath('pygmy');
const tiny = ['--width', '24', '--height', '16', '--repeat', '1'];

interface Result {
  id: string;
  family: string;
  procs: number;
  cold: boolean;
  seconds: number[];
  summary: { median: number };
  speedup: number;
  efficiency: number;
  vsPiscina: number | null;
}

describe('bench command', () => {
  test('times serial, the pool, a strategy, the peers and the whole command, and writes the report and chart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-'));
    const result = await runCli(['bench', pygmy, ...tiny, '--procs', '2', '--strategies', 'map', '--out-dir', dir]);
    expect(result.code).toBe(0);
    const header = result.stdout.split('\n').find((line) => line.startsWith('contender'))!;
    expect(header.split(/\s{2,}/)).toEqual([...TABLE_COLUMNS]);
    expect(result.stdout).toContain('What a timed run includes:');
    expect(result.stderr).toMatch(/^Benchmarking .*pygmy\.json at 24×16: 1 to 2 processes, 1 rounds\n/);

    const report = JSON.parse(readFileSync(join(dir, 'bench.json'), 'utf8')) as { results: Result[]; [key: string]: unknown };
    expect(report).toMatchObject({
      kind: 'pprocess-render-bench',
      scene: { path: pygmy, width: 24, height: 16 },
      repeat: 1,
      peers: { piscina: '5.3.2', workerpool: '10.0.3' },
      identicalPixels: true,
      rowsPerTask: { '1': 1, '2': 1 },
    });
    expect(report.results.map((r) => r.id)).toEqual([
      'serial',
      ...['pprocess-map-pool-1', 'pprocess-pipelined-1', 'pprocess-map-1', 'piscina-1', 'workerpool-1'],
      ...['pprocess-map-pool-2', 'pprocess-pipelined-2', 'pprocess-map-2', 'piscina-2', 'workerpool-2'],
      ...['cold-serial-1', 'cold-map-1', 'cold-map-2'],
    ]);
    for (const r of report.results) {
      expect(r.seconds).toHaveLength(1);
      expect(r.summary.median).toBeGreaterThan(0);
      expect(r.efficiency).toBeCloseTo(r.speedup / r.procs);
      expect(r.vsPiscina === null).toBe(r.cold);
    }
    expect(readFileSync(join(dir, 'bench.svg'), 'utf8')).toContain('>ideal</text>');
    expect(readFileSync(join(dir, 'bench.png')).subarray(1, 4).toString('latin1')).toBe('PNG');
  }, 60_000);

  test('--json prints the report; --no-peers, --no-cold and --strategies none leave serial and the pools', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-'));
    const result = await runCli(['bench', pygmy, ...tiny, '--procs', '1', '--strategies', 'none', '--no-peers', '--no-cold', '--json', '--quiet', '--out-dir', dir]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const report = JSON.parse(result.stdout) as { results: Result[]; peers: unknown };
    expect(report.results.map((r) => r.id)).toEqual(['serial', 'pprocess-map-pool-1', 'pprocess-pipelined-1']);
    expect(report.peers).toEqual({ piscina: null, workerpool: null });
    expect(JSON.parse(readFileSync(join(dir, 'bench.json'), 'utf8'))).toEqual(report);
  });

  test('--help names every option', async () => {
    const result = await runCli(['bench', '--help']);
    expect(result.code).toBe(0);
    for (const option of ['--procs', '--repeat', '--width', '--height', '--strategies', '--no-peers', '--no-cold', '--out-dir', '--json']) {
      expect(result.stdout).toContain(option);
    }
  });

  const dir = mkdtempSync(join(tmpdir(), 'bench-errors-'));
  test.concurrent.each<[string, number, string[], RegExp]>([
    ['an unknown strategy', 2, ['--strategies', 'map,chrome'], /Unknown strategy "chrome": use some of map, pmap, queue, exchange, reuse, or none/],
    ['the serial strategy (it is the baseline)', 2, ['--strategies', 'serial'], /Unknown strategy "serial"/],
    ['zero rounds', 2, ['--repeat', '0'], /--repeat.*Out of range: expected a whole number from 1 to 1000/],
    ['processes that are not a number', 2, ['--procs', 'two'], /--procs.*Expected a whole number from 1 to 256/],
    ['a width out of range', 2, ['--width', '0'], /--width.*Out of range/],
    ['a missing scene file', 3, [join(dir, 'nope.json')], /^error: Scene file not found: .*nope\.json; the shipped scenes are banded, pygmy, showcase/],
  ])('refuses %s (exit %i) before measuring anything', async (_name, code, args, message) => {
    const out = join(dir, String(Math.random()).slice(2));
    const result = await runCli(['bench', ...(args[0]?.endsWith('.json') ? [] : [pygmy]), ...args, '--out-dir', out]);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(existsSync(join(out, 'bench.json'))).toBe(false);
  });
});
