// Render progress on stderr: a live bar on a terminal, plain periodic lines
// otherwise (logs, pipes, CI).

/** Where progress goes: a writable stream, and whether it is a terminal. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
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
    const text = describeProgress(done, total, (shownAt - startedAt) / 1000);
    if (stream.isTTY) {
      const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - text.length - 4));
      stream.write(`\r${bar(done / total, width)} ${text}\x1b[K`);
      drawn = true;
    } else {
      stream.write(`${text}\n`);
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

/** `120/720 rows (17%)  35.2 rows/s  elapsed 3.4 s  ETA 17.0 s` */
export function describeProgress(done: number, total: number, elapsedS: number): string {
  const rate = elapsedS > 0 ? done / elapsedS : 0;
  const percent = Math.floor((done / total) * 100);
  const eta = rate > 0 ? formatSeconds((total - done) / rate) : '?';
  return `${done}/${total} rows (${percent}%)  ${rate.toFixed(1)} rows/s  elapsed ${formatSeconds(elapsedS)}  ETA ${eta}`;
}

/** Seconds as `0.27 s`, `14.2 s` or `3 m 05 s`. */
export function formatSeconds(s: number): string {
  if (s < 10) return `${s.toFixed(2)} s`;
  if (s < 60) return `${s.toFixed(1)} s`;
  const minutes = Math.floor(s / 60);
  return `${minutes} m ${String(Math.round(s - minutes * 60)).padStart(2, '0')} s`;
}

function bar(fraction: number, width: number): string {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}
