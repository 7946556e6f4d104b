// The command line on a real terminal (a pseudo-terminal from util-linux's
// `script`): the progress bar is one line redrawn in place, never wider than
// the terminal, and Ctrl-C typed at it stops the render and says so.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import { CLI, finished } from './helpers.js';

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

// Starts the command line on a terminal `columns` wide; what is written to
// the child's stdin is typed at the terminal.
function startOnTerminal(columns: number, args: string[]) {
  const command = [`stty cols ${columns} rows 24`, `exec ${[process.execPath, '--import', TSX, CLI, ...args].map(quote).join(' ')}`].join(' && ');
  return spawn('script', ['--quiet', '--flush', '--return', '--command', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
}

// Runs the command line on a terminal `columns` wide; resolves with all it drew.
async function onTerminal(columns: number, args: string[]): Promise<{ code: number | null; screen: string }> {
  const child = startOnTerminal(columns, args);
  const result = await finished(child);
  return { code: result.code, screen: result.stdout };
}

function quote(word: string): string {
  return `'${word.replaceAll("'", "'\\''")}'`;
}

test.each([40, 60, 79])('on a terminal %i columns wide, the bar is redrawn on one line that fits', async (columns) => {
  const out = join(mkdtempSync(join(tmpdir(), 'cli-tty-')), 'pygmy.png');
  const { code, screen } = await onTerminal(columns, ['render', 'pygmy', '--width', '300', '--height', '1200', '--procs', '2', '--out', out]);
  expect(code, screen).toBe(0);
  // Two lines end in a newline: "Rendering …" and "Rendered …"; the bar never scrolls.
  expect(screen.split('\n'), screen).toHaveLength(3);
  const bars = screen.split('\r').map((part) => part.replaceAll('\x1b[K', '').replace(/\n$/, '')).filter((part) => part.includes('%'));
  expect(bars.length, screen).toBeGreaterThan(0);
  for (const bar of bars) expect(bar.length, JSON.stringify(bar)).toBeLessThanOrEqual(columns - 1);
  expect(screen).toMatch(/\r\x1b\[KRendered 300×1200/);
}, 60_000);

test('Ctrl-C typed at the terminal stops the render: "Interrupted: no image written", exit code 130, no image', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'cli-tty-')), 'big.png');
  const child = startOnTerminal(80, ['render', 'pygmy', '--width', '600', '--height', '16000', '--procs', '2', '--out', out]);
  let ended = false;
  const done = finished(child).finally(() => (ended = true));
  let screen = '';
  child.stdout!.on('data', (chunk: string) => (screen += chunk));
  // Type Ctrl-C once the bar shows the render under way.
  const deadline = Date.now() + 60_000;
  while (!/\d+\/16000 rows/.test(screen) && !ended && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(screen).toMatch(/\d+\/16000 rows/);
  child.stdin!.write('\x03');
  const result = await done;
  expect(result.code, result.stdout).toBe(130);
  expect(result.stdout).toMatch(/\r\nInterrupted: no image written\r\n$/);
  expect(existsSync(out)).toBe(false);
}, 90_000);
