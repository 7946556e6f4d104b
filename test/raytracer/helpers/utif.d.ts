// The part of UTIF.js (which ships no types) that the tests use to decode TIFF files.
declare module 'utif' {
  /** An image file directory: TIFF tags as `t<number>`, plus the decoded size. */
  interface Ifd {
    width: number;
    height: number;
    [tag: `t${number}`]: unknown;
  }
  const UTIF: {
    decode(buffer: ArrayBuffer): Ifd[];
    decodeImage(buffer: ArrayBuffer, ifd: Ifd): void;
    toRGBA8(ifd: Ifd): Uint8Array;
  };
  export default UTIF;
}
