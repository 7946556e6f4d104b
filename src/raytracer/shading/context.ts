// The typed shading context: what PyGmy passed around as the `shaderinfo` dict (declared in the object model, scene/model.ts, with the interfaces it refers to).

export type { ShadingContext } from '../scene/model.js';
