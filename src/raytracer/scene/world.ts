// The scene made ready to trace: shapes, lights and shaders as objects.
import type { Camera } from '../camera/camera.js';
import type { Shape } from '../geometry/shape.js';
import type { Light } from '../lighting/light.js';
import type { Vec3 } from '../math/vec3.js';

/** A scene ready to trace (built from a `SceneSpec` by `buildWorld`). */
export interface World {
  readonly width: number;
  readonly height: number;
  /** Seeds every pixel's random stream. */
  readonly seed: number;
  readonly camera: Camera;
  /** The colour of pixels whose ray meets nothing. */
  readonly background: Vec3;
  /** How many bounces camera rays may take through reflections. */
  readonly reflectionDepth: number;
  readonly shapes: readonly Shape[];
  readonly lights: readonly Light[];
}
