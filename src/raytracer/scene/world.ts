// The scene made ready to trace: shapes, lights and shaders as objects (declared in the object model, scene/model.ts, with the interfaces it refers to).

export type { World } from './model.js';
