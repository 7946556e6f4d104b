// Where the image goes and in which format: from --out and --format, or
// output/<scene name>.tiff by default.
import { stat } from 'node:fs/promises';
import { basename, extname, join, sep } from 'node:path';
import { OutputError } from '../raytracer/errors.js';
import { EXTENSIONS, formatOfPath, parseFormat, type ImageFormat } from '../raytracer/output/format.js';
import { UsageError } from './exit-codes.js';

/** The default output directory. */
export const DEFAULT_OUTPUT_DIR = 'output';

/** The image file to write and its format. */
export interface OutputTarget {
  readonly path: string;
  readonly format: ImageFormat;
}

/**
 * Decides the output file: `--out` if it names a file (its extension giving
 * the format unless `--format` does), `<dir>/<scene>.<ext>` if it names an
 * existing directory, `output/<scene>.<ext>` if omitted (TIFF by default).
 */
export async function resolveOutput(scenePath: string, out: string | undefined, formatName: string | undefined): Promise<OutputTarget> {
  const requested = formatName === undefined ? undefined : parseFormat(formatName);
  const name = basename(scenePath, extname(scenePath));
  const inDirectory = (dir: string): OutputTarget => {
    const format = requested ?? 'tiff';
    return { path: join(dir, `${name}${EXTENSIONS[format][0]}`), format };
  };
  if (out === undefined) return inDirectory(DEFAULT_OUTPUT_DIR);
  if ((await stat(out).catch(() => undefined))?.isDirectory()) return inDirectory(out);
  checkDirectory(out);

  const byExtension = formatOfPath(out);
  if (requested && byExtension && requested !== byExtension) {
    throw new UsageError(`--format ${requested} does not match the extension of ${out}: change one of them`);
  }
  const format = requested ?? byExtension;
  if (!format) {
    const known = Object.values(EXTENSIONS).flat().join(', ');
    throw new UsageError(`Cannot tell the image format of ${out} from its extension: use ${known}, or give --format (or, if ${out} is meant to be a directory, create it first)`);
  }
  return { path: out, format };
}

// --out names a directory that is not there (`renders/`): say so, rather
// than that the format cannot be told. (A file in a missing directory is
// caught by checkWritable, with the same exit code.)
function checkDirectory(out: string): void {
  if (out.endsWith('/') || out.endsWith(sep)) {
    throw new OutputError(out, `Cannot write into ${out}: no such directory (create it first, or name an image file such as ${join(out, 'scene.png')})`);
  }
}
