// Render progress on stderr: a live bar on a terminal, fitted to its width,
// plain periodic lines otherwise (logs, pipes, CI).

/** Where progress goes: a writable stream, and whether it is a terminal. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  /** The terminal's width, read at each redraw (a terminal may be resized). */
  readonly columns?: number;
}

/** Options of `createProgress`. */
export interface ProgressOptions {
  /** Rows in the image. */
  total: number;
  stream: ProgressStream;
  /** The least time between two plain lines (default 2000 ms). */
  lineIntervalMs?: number;
  /** The least time between two redraws of the bar (default 100 ms). */
  redrawIntervalMs?: number;
  /** The clock, in milliseconds (for tests). */
  now?: () => number;
}

/** Reports rows done; `finish()` clears the bar (or prints the last line). */
export interface Progress {
  update(done: number): void;
  finish(): void;
}

/**
 * The ETA is an extrapolation from the rows done so far, and rows differ in
 * cost (a scene's costly band may come first): it is shown only once this
 * share of the rows is done and a second has passed, when it means something.
 */
export const ETA_AFTER_FRACTION = 0.1;
const ETA_AFTER_S = 1;

// The narrowest bar worth drawing, and the widest.
const MIN_BAR = 10;
const MAX_BAR = 40;

/** A progress reporter for `total` rows: a bar if `stream.isTTY`, else a line every `lineIntervalMs`. */
export function createProgress(options: ProgressOptions): Progress {
  const { total, stream, now = () => performance.now() } = options;
  const startedAt = now();
  const interval = stream.isTTY ? (options.redrawIntervalMs ?? 100) : (options.lineIntervalMs ?? 2000);
  let shownAt = startedAt;
  let done = 0;
  let drawn = false;

  const show = (): void => {
    shownAt = now();
    const elapsedS = (shownAt - startedAt) / 1000;
    if (stream.isTTY) {
      stream.write(`\r${fitLine(done, total, elapsedS, stream.columns || 80)}\x1b[K`);
      drawn = true;
    } else {
      stream.write(`${describeProgress(done, total, elapsedS)}\n`);
    }
  };

  return {
    update(rowsDone) {
      done = rowsDone;
      if (now() - shownAt >= interval) show();
    },
    finish() {
      if (stream.isTTY) {
        if (drawn) stream.write('\r\x1b[K');
      } else if (done < total || now() - startedAt >= interval) {
        // A long render ends with its last line; a quick one prints none.
        show();
      }
    },
  };
}

/** `120/720 rows (16%)  30.0 rows/s  elapsed 4.00 s  ETA 20.0 s` (the ETA once it means something). */
export function describeProgress(done: number, total: number, elapsedS: number): string {
  const rate = elapsedS > 0 ? done / elapsedS : 0;
  const eta = estimateSeconds(done, total, elapsedS);
  return `${counted(done, total)}  ${rate.toFixed(1)} rows/s  elapsed ${formatSeconds(elapsedS)}${eta === undefined ? '' : `  ETA ${formatSeconds(eta)}`}`;
}

/** Seconds left, extrapolated from the rows done; undefined until enough are done to tell. */
export function estimateSeconds(done: number, total: number, elapsedS: number): number | undefined {
  if (done >= total) return 0;
  if (done < total * ETA_AFTER_FRACTION || elapsedS < ETA_AFTER_S) return undefined;
  return (elapsedS * (total - done)) / done;
}

/**
 * One terminal line of at most `columns - 1` characters (the last column
 * would make some terminals wrap): the bar and as much of the description
 * as fits, shorter descriptions first giving up the rate and elapsed time.
 */
export function fitLine(done: number, total: number, elapsedS: number, columns: number): string {
  const room = Math.max(1, columns - 1);
  const eta = estimateSeconds(done, total, elapsedS);
  const texts = [
    describeProgress(done, total, elapsedS),
    `${counted(done, total)}${eta === undefined ? '' : `  ETA ${formatSeconds(eta)}`}`,
    `${percentOf(done, total)}%${eta === undefined ? '' : ` ETA ${formatSeconds(eta)}`}`,
    `${percentOf(done, total)}%`,
  ];
  for (const text of texts) {
    const barWidth = Math.min(MAX_BAR, room - text.length - 3);
    if (barWidth >= MIN_BAR) return `${bar(done / total, barWidth)} ${text}`;
  }
  return texts.at(-1)!.slice(0, room);
}

/** Seconds as `0.27 s`, `14.2 s` or `3 m 05 s`. */
export function formatSeconds(s: number): string {
  if (s < 10) return `${s.toFixed(2)} s`;
  if (s < 60) return `${s.toFixed(1)} s`;
  const whole = Math.round(s);
  return `${Math.floor(whole / 60)} m ${String(whole % 60).padStart(2, '0')} s`;
}

function counted(done: number, total: number): string {
  return `${done}/${total} rows (${percentOf(done, total)}%)`;
}

function percentOf(done: number, total: number): number {
  return Math.floor((done / total) * 100);
}

function bar(fraction: number, width: number): string {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}
