// The parallel raytracer (a port of PyGmy): scenes, the render function
// with its strategies, and image output.
export { OrthographicCamera, PerspectiveCamera, PrimaryRay, type Camera } from './camera/camera.js';
export {
  OutputError,
  RaytracerError,
  RenderRowsError,
  SceneError,
  UnknownChoiceError,
  type RaytracerErrorCode,
  type SceneIssue,
} from './errors.js';
export { Plane } from './geometry/plane.js';
export { segment, type Segment } from './geometry/segment.js';
export type { Hit, Shape } from './geometry/shape.js';
export { Sphere } from './geometry/sphere.js';
export type { Light } from './lighting/light.js';
export { ParallelLight } from './lighting/parallel-light.js';
export { PointLight } from './lighting/point-light.js';
export { PixelRng } from './math/rng.js';
export { Vec3 } from './math/vec3.js';
export { EXTENSIONS, FORMATS, formatOfPath, parseFormat, type ImageFormat } from './output/format.js';
export { encodeImage } from './output/encode-image.js';
export { checkWritable, writeImage } from './output/write-image.js';
export type { RgbImage } from './render/image.js';
export { MAX_PROCS, render, type RenderOptions, type RowProgress } from './render/render.js';
export { RowAssembler } from './render/row-assembler.js';
export {
  DEFAULT_STRATEGY,
  EXECUTORS,
  getExecutor,
  STRATEGIES,
  type Executor,
  type RowSink,
  type StrategyName,
} from './render/strategies/index.js';
export { traceRow } from './render/trace-row.js';
export { buildWorld } from './scene/build-world.js';
export { loadScene } from './scene/load-scene.js';
export { parseScene } from './scene/parse-scene.js';
export { MAX_SEED, MAX_SIZE, sceneSchema, type SceneInput, type SceneSpec } from './scene/schema.js';
export type { World } from './scene/world.js';
export type { ShadingContext } from './shading/context.js';
export type { OcclusionOptions, Shader } from './shading/shader.js';
export { BleedShader, DirectShader, EverythingShader, SpotShader } from './shading/shaders.js';
