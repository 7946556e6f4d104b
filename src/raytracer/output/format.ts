// The image formats the raytracer writes, and how a file name picks one.
import { extname } from 'node:path';
import { UnknownChoiceError } from '../errors.js';

/** An image format: 8-bit RGB TIFF (PyGmy's output) or PNG. */
export type ImageFormat = 'tiff' | 'png';

/** Every format, by name. */
export const FORMATS: readonly ImageFormat[] = ['tiff', 'png'];

/** The file extensions of each format, the usual one first. */
export const EXTENSIONS: Readonly<Record<ImageFormat, readonly string[]>> = {
  tiff: ['.tiff', '.tif'],
  png: ['.png'],
};

/** The format named `name` (`tiff`, `tif` or `png`, any case); `ERR_UNKNOWN_FORMAT` otherwise. */
export function parseFormat(name: string): ImageFormat {
  const lower = name.toLowerCase();
  if (lower === 'tif') return 'tiff';
  if ((FORMATS as readonly string[]).includes(lower)) return lower as ImageFormat;
  throw new UnknownChoiceError('ERR_UNKNOWN_FORMAT', name, FORMATS, 'image format');
}

/** The format that the extension of `path` stands for, or `undefined` for an extension of no format. */
export function formatOfPath(path: string): ImageFormat | undefined {
  const ext = extname(path).toLowerCase();
  return FORMATS.find((format) => EXTENSIONS[format].includes(ext));
}
