// What the examples' tests need to know about a process beyond what
// test/helpers/processes.ts tells: its command line, whether pprocess
// created it, and the files it has open (Linux /proc).
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** The process's command line, arguments separated by spaces; '' once it has exited. */
export function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

/**
 * Whether a command line is that of a process pprocess created: one running
 * the child runtime (start(), exchanges, pmap) or replaying the program
 * (fork-style create()).
 */
export function isCreatedProcess(command: string): boolean {
  return command.includes('child-runtime') || command.includes('replay-setup');
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
