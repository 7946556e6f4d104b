// Turns validated scene data into the objects the tracer works with.
import { OrthographicCamera, PerspectiveCamera, type Camera } from '../camera/camera.js';
import { Plane } from '../geometry/plane.js';
import type { Shape } from '../geometry/shape.js';
import { Sphere } from '../geometry/sphere.js';
import type { Light } from '../lighting/light.js';
import { ParallelLight } from '../lighting/parallel-light.js';
import { PointLight } from '../lighting/point-light.js';
import { Vec3 } from '../math/vec3.js';
import type { Shader } from '../shading/shader.js';
import { BleedShader, DirectShader, EverythingShader, SpotShader } from '../shading/shaders.js';
import type { CameraSpec, LightSpec, SceneSpec, ShaderSpec } from './schema.js';
import type { World } from './world.js';

/** Builds the traceable world of a validated scene (see `parseScene`). */
export function buildWorld(scene: SceneSpec): World {
  const shaders = new Map<string, Shader>();
  for (const [name, spec] of Object.entries(scene.shaders)) shaders.set(name, buildShader(spec));
  const shapes: Shape[] = scene.objects.map((object) => {
    const shader = shaders.get(object.shader)!;
    return object.type === 'sphere'
      ? new Sphere(Vec3.of(object.centre), object.radius, shader)
      : new Plane(Vec3.of(object.normal), object.distance, shader);
  });
  return {
    width: scene.width,
    height: scene.height,
    seed: scene.seed,
    camera: buildCamera(scene.camera),
    background: Vec3.of(scene.background),
    reflectionDepth: scene.reflectionDepth,
    shapes,
    lights: scene.lights.map(buildLight),
  };
}

function buildShader(spec: ShaderSpec): Shader {
  switch (spec.type) {
    case 'direct':
      return new DirectShader(Vec3.of(spec.colour));
    case 'everything':
      return new EverythingShader({ ...spec, colour: Vec3.of(spec.colour) });
    case 'spot':
      return new SpotShader({ ...spec, colour: Vec3.of(spec.colour) });
    case 'bleed':
      return new BleedShader({ ...spec, colour: Vec3.of(spec.colour) });
  }
}

function buildLight(spec: LightSpec): Light {
  return spec.type === 'parallel'
    ? new ParallelLight(Vec3.of(spec.direction), Vec3.of(spec.colour))
    : new PointLight(Vec3.of(spec.position), Vec3.of(spec.colour));
}

function buildCamera(spec: CameraSpec): Camera {
  return spec.type === 'perspective'
    ? new PerspectiveCamera(spec.imagePlane, spec.backPlane)
    : new OrthographicCamera(spec.backPlane, spec.scale);
}
