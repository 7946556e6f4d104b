// The parallel raytracer (a port of PyGmy), as a library: scenes, the render
// function with its strategies, image output, and errors. Everything else
// (shapes, shaders, the row workers) is internal.

/**
 * The parallel raytracer, a port of PyGmy: load a scene (a file, or a shipped
 * scene by name with `scenePath`), `render` it on several processes, write
 * the image.
 *
 * @packageDocumentation
 * @module pprocess/raytracer
 */
export {
  OutputError,
  RaytracerError,
  RenderRowsError,
  SceneError,
  UnknownChoiceError,
  type RaytracerErrorCode,
  type SceneIssue,
} from './errors.js';
export { EXTENSIONS, FORMATS, formatOfPath, parseFormat, type ImageFormat } from './output/format.js';
export { encodeImage } from './output/encode-image.js';
export { checkWritable, writeImage } from './output/write-image.js';
export type { RgbImage } from './render/image.js';
export { MAX_PROCS, render, type RenderOptions, type RowProgress } from './render/render.js';
export { DEFAULT_STRATEGY, STRATEGIES, type StrategyName } from './render/strategies/index.js';
export { loadScene } from './scene/load-scene.js';
export { parseScene } from './scene/parse-scene.js';
export { MAX_SEED, MAX_SIZE, sceneSchema, type SceneInput, type SceneSpec } from './scene/schema.js';
export { scenePath, shippedScenes } from './scene/shipped-scenes.js';
