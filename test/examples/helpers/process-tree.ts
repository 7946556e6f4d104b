// Which processes descend from a running example, read from /proc (Linux),
// so that a test can tell which processes it created and whether any
// outlived it.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

// The state (field 3 of proc(5)) and parent pid (field 4) of a process; the
// fields are counted after the command name, which is in parentheses and may hold spaces.
function stateAndParent(pid: number): { state: string; ppid: number } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state: state!, ppid: Number(ppid) };
}

/** The pids of every process now running below `rootPid`: its children, theirs, and so on. */
export function descendantsOf(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const process = stateAndParent(Number(entry));
    if (process) children.set(process.ppid, [...(children.get(process.ppid) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  for (let pending = [rootPid]; pending.length > 0; ) {
    const below = children.get(pending.pop()!) ?? [];
    found.push(...below);
    pending.push(...below);
  }
  return found;
}

/** Whether the process runs (a zombie has already ended). */
export function isRunning(pid: number): boolean {
  const process = stateAndParent(pid);
  return process !== undefined && process.state !== 'Z';
}

/** Waits up to `timeoutMs` for all of `pids` to end; resolves with those still running then. */
export async function survivors(pids: Iterable<number>, timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let running = [...pids].filter(isRunning);
  while (running.length > 0 && Date.now() < deadline) {
    await delay(25);
    running = running.filter(isRunning);
  }
  return running;
}

/** The process's command line, arguments separated by spaces; '' once it has exited. */
export function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

/** The paths of the files the process has open (none once it has exited). */
export function openFiles(pid: number): string[] {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return [];
  }
  return fds.flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/${pid}/fd/${fd}`)];
    } catch {
      return [];
    }
  });
}
