// Redis stream entry ids (`<milliseconds>-<sequence>`), compared as the
// server orders them: as numbers, not as text.

/** Negative, zero or positive as stream id `a` comes before, is, or comes after `b`. */
export function compareStreamIds(a: string, b: string): number {
  const [aMs = '0', aSeq = '0'] = a.split('-');
  const [bMs = '0', bSeq = '0'] = b.split('-');
  const byMs = compareDigits(aMs, bMs);
  return byMs !== 0 ? byMs : compareDigits(aSeq, bSeq);
}

// Compares two unsigned decimal numbers of any size.
function compareDigits(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
