// The performance page generator run as a real process on benchmark JSON
// files: the page holds their figures, with the machine and its load, and
// the chart beside it.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import { reportFixture } from '../render-bench/report-fixture.js';
import { outcome, repoRoot } from '../helpers/processes.js';

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const SCRIPT = join(repoRoot, 'scripts', 'performance-page.ts');

// A library report with invented figures, in the shape bench-library.json has.
function libraryReport(loadAverage: number[]) {
  const rate = (name: string, perSecond: number) => ({ name, includes: `${name} work`, seconds: [1], summary: { median: 1, min: 1, max: 1, spread: 0.1, count: 1 }, perSecond });
  return {
    kind: 'pprocess-library-bench',
    version: 1,
    date: '2024-01-02T00:00:00.000Z',
    machine: { cores: 2, logicalCpus: 2, cpuModel: 'test', node: 'v20', platform: 'linux x64', loadAverage },
    repeat: 5,
    tiny: { tasks: 20000, workers: 2, results: [rate('pprocess Map pool, chunkSize auto', 40000), rate('piscina 5.3.2 (threads)', 8000)], notInstalled: ['workerpool'] },
    first: [{ name: 'bare node, to its first output', includes: 'spawning node', milliseconds: [100], summary: { median: 100, min: 100, max: 100, spread: 0, count: 1 }, vsBareNode: 1 }],
    messages: {
      latency: { message: '{"id":7}', results: [rate('pprocess Channel', 3000), rate('Node IPC (advanced)', 4000)] },
      buffers: [{ bytes: 1 << 20, results: [rate('pprocess Channel', 400), rate('Node IPC (advanced)', 500)] }],
    },
  };
}

function generate(loadAverage: number[]) {
  const dir = mkdtempSync(join(tmpdir(), 'performance-page-'));
  mkdirSync(join(dir, 'output'));
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, 'output', 'bench.json'), JSON.stringify(reportFixture()));
  writeFileSync(join(dir, 'output', 'bench-library.json'), JSON.stringify(libraryReport(loadAverage)));
  writeFileSync(join(dir, 'output', 'bench.png'), 'a chart');
  const child = spawn(process.execPath, ['--import', TSX, SCRIPT], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  return { dir, result: outcome(child) };
}

test('writes docs/performance.md from the two reports, and copies the chart beside it', async () => {
  const { dir, result } = generate([0.5, 0.4, 0.3]);
  const { exitCode, stdout, stderr } = await result;
  expect(stderr).toBe('');
  expect(exitCode).toBe(0);
  expect(stdout).toBe('Wrote docs/performance.md and docs/bench.png\n');
  const page = readFileSync(join(dir, 'docs', 'performance.md'), 'utf8');
  expect(page).toContain('Generated from `output/bench.json` (2024-01-01T00:00:00.000Z) and `output/bench-library.json` (2024-01-02T00:00:00.000Z)');
  expect(page).toContain('| library | test | 2 (2 logical) | v20 | linux x64 | 0.50, 0.40, 0.30 |');
  expect(page).toContain('## Rendering: scenes/pygmy.json at 1280 × 720');
  // The fixture's pool at 2 processes: median 0.5 s against serial's 1.0 s.
  expect(page).toContain('| pprocess map, pool | 2 | 0.500 s | 0.48–0.52 s | 2.00 | 100 % | 1.000 |');
  expect(page).toContain('| pprocess Map pool, chunkSize auto | 40,000 | 10 % | 5.00× |');
  expect(page).toContain('Not installed, so not measured: workerpool.');
  expect(page).toContain('| pprocess Channel | 400 | 10 % | 0.80× |');
  expect(page).toContain('![Speedup over the serial render against the number of processes](bench.png)');
  expect(page).not.toContain('The machine was busy');
  expect(readFileSync(join(dir, 'docs', 'bench.png'), 'utf8')).toBe('a chart');
});

test('says when the machine was busy, from the load average the reports recorded', async () => {
  const { dir, result } = generate([5.5, 4, 3]);
  expect((await result).exitCode).toBe(0);
  expect(readFileSync(join(dir, 'docs', 'performance.md'), 'utf8')).toContain('**The machine was busy** (a load average up to 5.5 on 2 cores)');
});

test('a missing report says which and how to make it, and writes nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'performance-page-'));
  const { exitCode, stderr } = await outcome(spawn(process.execPath, ['--import', TSX, SCRIPT], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] }));
  expect(exitCode).not.toBe(0);
  expect(stderr).toContain('output/bench.json does not exist: run npm run bench first');
  expect(existsSync(join(dir, 'docs', 'performance.md'))).toBe(false);
});
