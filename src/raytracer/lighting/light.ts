// What a shader needs of a light (declared in the object model, scene/model.ts, with the interfaces it refers to).

export type { Light } from '../scene/model.js';
