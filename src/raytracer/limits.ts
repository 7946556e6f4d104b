// The raytracer's numeric limits, in a module of their own so that the
// command line can describe its options without loading the scene schema.

/** The largest width or height accepted. */
export const MAX_SIZE = 16384;
/** The largest seed accepted (seeds are 32-bit unsigned integers). */
export const MAX_SEED = 0xffffffff;
/** The most processes `render()` accepts. */
export const MAX_PROCS = 256;
