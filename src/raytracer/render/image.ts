// The rendered picture: 8-bit RGB, rows top to bottom.

/** Bytes per pixel: red, green, blue. */
export const CHANNELS = 3;

/** An 8-bit RGB image: `width × height × 3` bytes, row 0 at the top. */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly channels: 3;
  readonly data: Uint8Array;
}
