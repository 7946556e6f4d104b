// Runs an example as a real program (`node --import tsx examples/...`), the
// way a user would, collecting what it prints, how long it took and which
// processes it created along the way.
import type { ChildProcess } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'vitest';
import { allGone, descendantsOf, isAlive, killAll, runScript } from '../../helpers/processes.js';
import { commandOf, isCreatedProcess } from './process-tree.js';

// How often the process tree is sampled while an example runs.
const SAMPLE_MS = 50;

/** How a finished example ended. */
export interface ExampleResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** From spawning the program to its exit. */
  wallMs: number;
  /** Every process seen below the program while it ran, by pid, with its command line. */
  descendants: Map<number, string>;
  /** The most created processes seen alive in one sample of the process tree. */
  mostCreatedAtOnce: number;
}

/** An example program running. */
export class ExampleRun {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  /** Every process seen below the program so far, by pid, with its command line. */
  readonly seen = new Map<number, string>();
  /** The most created processes seen alive in one sample so far. */
  mostCreatedAtOnce = 0;
  /** Resolves when the program has exited. */
  readonly result: Promise<ExampleResult>;

  constructor(script: string, args: readonly string[], input?: string) {
    const started = performance.now();
    // From the repository root, as the README tells users to run them.
    this.child = runScript(script, [...args]);
    this.child.stdout!.setEncoding('utf8').on('data', (text: string) => (this.stdout += text));
    this.child.stderr!.setEncoding('utf8').on('data', (text: string) => (this.stderr += text));
    this.child.stdin!.end(input);
    const sampler = setInterval(() => this.sample(), SAMPLE_MS);
    this.result = new Promise((resolve, reject) => {
      this.child.once('error', reject);
      this.child.once('close', (exitCode, signal) => {
        clearInterval(sampler);
        resolve({
          stdout: this.stdout,
          stderr: this.stderr,
          exitCode,
          signal,
          wallMs: performance.now() - started,
          descendants: new Map(this.seen),
          mostCreatedAtOnce: this.mostCreatedAtOnce,
        });
      });
    });
    running.add(this);
    void this.result.finally(() => running.delete(this)).catch(() => {});
  }

  /** Records the processes now below the program, and returns their pids. */
  sample(): number[] {
    if (this.child.pid === undefined || this.child.exitCode !== null) return [];
    const pids = descendantsOf(this.child.pid);
    for (const pid of pids) {
      // The command line is the creator's until the new process execs, and
      // empty once it has exited: keep the last one seen in between.
      const command = commandOf(pid);
      if (command || !this.seen.has(pid)) this.seen.set(pid, command);
    }
    const created = pids.filter((pid) => isCreatedProcess(this.seen.get(pid)!)).length;
    this.mostCreatedAtOnce = Math.max(this.mostCreatedAtOnce, created);
    return pids;
  }

  /** Resolves once `ready()` holds (checked every `SAMPLE_MS`); rejects after `timeoutMs` or if the program exits. */
  async until(what: string, ready: () => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!ready()) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(`The example exited while waiting for ${what}; stderr:\n${this.stderr}`);
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; stdout:\n${this.stdout}`);
      await delay(SAMPLE_MS);
    }
  }
}

const running = new Set<ExampleRun>();

/** Runs `script` (relative to the repository root) with `args` to its end, `input` piped to it. */
export function runExample(script: string, args: readonly string[] = [], input?: string): Promise<ExampleResult> {
  return new ExampleRun(script, args, input).result;
}

/**
 * Ends every example still running (after a failed test) and every process
 * seen below it, so that no test leaves processes behind.
 */
export async function endRunningExamples(): Promise<void> {
  for (const run of running) {
    run.sample();
    run.child.kill('SIGTERM');
    const exited = await Promise.race([run.result.then(() => true, () => true), delay(3000, false)]);
    if (!exited) run.child.kill('SIGKILL');
    killAll([...run.seen.keys()].filter(isAlive));
  }
}

/**
 * Checks that `run` has `created` created processes, then ends it with
 * SIGTERM and checks that it dies of it, quietly, taking every process seen
 * below it along.
 */
export async function expectSigtermEndsAll(run: ExampleRun, created: number): Promise<void> {
  expect(run.sample().filter((pid) => commandOf(pid).includes('child-runtime'))).toHaveLength(created);
  run.child.kill('SIGTERM');
  const result = await run.result;
  expect(result.signal).toBe('SIGTERM');
  expect(result.stderr).toBe('');
  await allGone([...run.seen.keys()], 5000);
}
