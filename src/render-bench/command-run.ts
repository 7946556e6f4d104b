// One run of the whole `render` command in a new `node`, as a user runs it,
// with the timings it reports of itself (see cli/render-timings.ts).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TIMINGS_PREFIX, TIMINGS_VARIABLE, type RenderTimings } from '../cli/render-timings.js';
import { childExecArgv, sibling } from './peers/module-files.js';

const CLI = sibling(import.meta.url, '../cli');

/** What one run of the command measured, in milliseconds. */
export interface CommandRun {
  /** From spawning `node` to its exit. */
  readonly wallMs: number;
  readonly timings: RenderTimings;
}

/** Runs `render` with `args` (after the subcommand) to its end; rejects with what it printed if it fails. */
export function runRenderCommand(args: readonly string[]): Promise<CommandRun> {
  const argv = [...childExecArgv(CLI), fileURLToPath(CLI), 'render', ...args];
  const env = { ...process.env, [TIMINGS_VARIABLE]: '1' };
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, argv, { stdio: ['ignore', 'ignore', 'pipe'], env });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const wallMs = performance.now() - started;
      const line = stderr.split('\n').find((text) => text.startsWith(TIMINGS_PREFIX));
      if (code !== 0 || !line) {
        reject(new Error(`The render command failed (${signal ?? `exit code ${code}`}): ${stderr.trim() || 'it reported no timings'}`));
        return;
      }
      resolve({ wallMs, timings: JSON.parse(line.slice(TIMINGS_PREFIX.length)) as RenderTimings });
    });
  });
}
