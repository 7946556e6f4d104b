// Helpers for tests that start real processes: run a script, find a
// process's descendants, and wait for processes to be gone.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository's root directory. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Starts `node --import tsx <script> ...args` from the repository root, its output piped. */
export function runScript(script: string, args: string[] = [], options: { env?: Record<string, string> } = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
}

/** What a finished script printed, and how it ended. */
export interface ScriptResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

/** Collects a started script's output until it exits. */
export function outcome(child: ChildProcess): Promise<ScriptResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  return new Promise((resolve) => {
    child.on('close', (exitCode, signal) => resolve({ stdout, stderr, exitCode, signal }));
  });
}

/** Resolves with the first line of `child`'s stdout that matches `pattern`. */
export function lineMatching(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let pending = '';
    const onData = (text: Buffer) => {
      pending += text.toString();
      for (const line of pending.split('\n')) {
        const match = pattern.exec(line);
        if (match) {
          child.stdout?.off('data', onData);
          resolve(match);
          return;
        }
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code, signal) => reject(new Error(`exited (${code ?? signal}) before printing ${pattern}:\n${pending}`)));
  });
}

/** Whether a process with this pid exists (and is not a zombie). */
export function isAlive(pid: number): boolean {
  try {
    return statField(pid, 3) !== 'Z';
  } catch {
    return false;
  }
}

/** The pids of every process whose chain of parents leads to `pid`. */
export function descendantsOf(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      parents.set(Number(entry), Number(statField(entry, 4)));
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const frontier = [pid];
  while (frontier.length) {
    const parent = frontier.pop()!;
    for (const [child, ppid] of parents) {
      if (ppid === parent) {
        found.push(child);
        frontier.push(child);
      }
    }
  }
  return found;
}

/** Resolves once none of `pids` is alive; rejects after `timeoutMs` naming the survivors. */
export async function allGone(pids: number[], timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const alive = pids.filter(isAlive);
    if (alive.length === 0) return;
    if (Date.now() > deadline) throw new Error(`processes still alive after ${timeoutMs} ms: ${alive.join(', ')}`);
    await sleep(25);
  }
}

/** Kills the given processes (ignoring those already gone). */
export function killAll(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Field `index` (1-based, as in proc(5): 3 the state, 4 the parent pid, 6 the
 * session) of /proc/<pid>/stat; throws if the process is gone. The command
 * name before it may hold spaces and parentheses.
 */
export function statField(pid: number | string, index: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[index - 3]!;
}
