// What `render` reports when PPROCESS_RENDER_TIMINGS is set: when its phases
// ended, and the processor time of the whole command, its created
// processes included, for the benchmarks to compare.
import { readdirSync, readFileSync } from 'node:fs';

/** The variable that turns the report on. */
export const TIMINGS_VARIABLE = 'PPROCESS_RENDER_TIMINGS';

/** Milliseconds since the process started. */
export interface RenderMarks {
  /** The command's action began (options parsed). */
  readonly began: number;
  /** The scene was loaded and checked, and render() called. */
  readonly rendering: number;
  readonly firstRow: number;
  readonly lastRow: number;
  /** render() resolved with the image (its processes ended). */
  readonly rendered: number;
  /** The image file was written. */
  readonly written: number;
}

/** The report's line, as the benchmarks read it back. */
export interface RenderTimings extends RenderMarks {
  /** User + system time of this process and every process it created, or `null` where /proc cannot tell. */
  readonly cpuMs: number | null;
}

/** The prefix of the report's line on stderr. */
export const TIMINGS_PREFIX = 'render timings: ';

/** Writes the report line to `stream` if the variable is set. */
export function reportTimings(stream: NodeJS.WritableStream, marks: RenderMarks): void {
  if (!process.env[TIMINGS_VARIABLE]) return;
  const round = (ms: number) => Math.round(ms * 10) / 10;
  const timings: RenderTimings = {
    began: round(marks.began),
    rendering: round(marks.rendering),
    firstRow: round(marks.firstRow),
    lastRow: round(marks.lastRow),
    rendered: round(marks.rendered),
    written: round(marks.written),
    cpuMs: processTreeCpuMs(),
  };
  stream.write(`${TIMINGS_PREFIX}${JSON.stringify(timings)}\n`);
}

// Linux counts process times in clock ticks of 10 ms (USER_HZ = 100).
const MS_PER_TICK = 10;

// The fields after the command name in /proc/<pid>/stat.
function statFields(pid: string | number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/**
 * This process's time, its ended children's (which the kernel adds to it
 * once they are reaped) and its children's still listed in /proc (running,
 * or ended and not yet reaped), read in one go: nothing is reaped between
 * the reads, as that waits for the event loop.
 */
function processTreeCpuMs(): number | null {
  try {
    let ticks = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
      try {
        const fields = statFields(entry);
        if (Number(fields[1]) === process.pid) ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        // It went while we looked: reaped, so counted below.
      }
    }
    const own = statFields(process.pid);
    ticks += Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
    return ticks * MS_PER_TICK;
  } catch {
    return null;
  }
}
