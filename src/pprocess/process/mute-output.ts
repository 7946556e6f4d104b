// Keeping a replay's prefix quiet: what the replayed part of a program
// prints was printed by its creator already.

/** Makes writes to standard output and error vanish (their callbacks still run); returns the way back. */
export function muteOutput(): () => void {
  const writers = [process.stdout, process.stderr] as const;
  const originals = writers.map((stream) => stream.write);
  for (const stream of writers) {
    stream.write = ((_chunk: unknown, encoding?: unknown, callback?: unknown) => {
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') queueMicrotask(() => done());
      return true;
    }) as typeof stream.write;
  }
  return () => writers.forEach((stream, i) => (stream.write = originals[i]!));
}
