// Runs the command line as a real process, as a user would.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The command line's entry point, run through tsx. */
export const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));

// The TypeScript loader, by absolute URL so that any working directory will do.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** What a finished run printed and how it ended. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts the command line with `args` in `cwd`; stdout and stderr are pipes (not terminals). */
export function startCli(args: string[], cwd?: string): ChildProcess {
  return spawn(process.execPath, ['--import', TSX, CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Collects the output of a started run until it exits. */
export function finished(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs the command line with `args` to the end. */
export function runCli(args: string[], cwd?: string): Promise<CliResult> {
  return finished(startCli(args, cwd));
}
