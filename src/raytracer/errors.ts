// The raytracer's errors: one class per kind of failure, each with a stable
// `code` that callers (and the command line) can test.

/** The codes of the raytracer's errors. */
export type RaytracerErrorCode =
  | 'ERR_SCENE_NOT_FOUND'
  | 'ERR_SCENE_READ'
  | 'ERR_SCENE_SYNTAX'
  | 'ERR_INVALID_SCENE'
  | 'ERR_UNKNOWN_STRATEGY'
  | 'ERR_UNKNOWN_FORMAT'
  | 'ERR_OUTPUT_WRITE'
  | 'ERR_RENDER_ROWS';

/** The base class of the raytracer's errors. */
export class RaytracerError extends Error {
  constructor(
    readonly code: RaytracerErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** One problem found in a scene: where (`objects[3].radius`) and what was expected. */
export interface SceneIssue {
  /** The field's path, as written in JavaScript (`objects[3].radius`); empty for the whole file. */
  readonly path: string;
  readonly message: string;
}

/**
 * A scene that cannot be used: the file is missing or unreadable
 * (`ERR_SCENE_NOT_FOUND`, `ERR_SCENE_READ`), is not JSON (`ERR_SCENE_SYNTAX`),
 * or does not follow the schema (`ERR_INVALID_SCENE`, with `issues`).
 */
export class SceneError extends RaytracerError {
  constructor(
    code: 'ERR_SCENE_NOT_FOUND' | 'ERR_SCENE_READ' | 'ERR_SCENE_SYNTAX' | 'ERR_INVALID_SCENE',
    /** The scene file, or a description of where the scene came from. */
    readonly source: string,
    /** What is wrong, field by field (for `ERR_INVALID_SCENE`). */
    readonly issues: readonly SceneIssue[],
    message: string,
    options?: ErrorOptions,
  ) {
    super(code, message, options);
  }
}

/** An image format, strategy or other named choice that does not exist. */
export class UnknownChoiceError extends RaytracerError {
  constructor(
    code: 'ERR_UNKNOWN_STRATEGY' | 'ERR_UNKNOWN_FORMAT',
    readonly value: string,
    readonly choices: readonly string[],
    what: string,
  ) {
    super(code, `Unknown ${what} ${JSON.stringify(value)}: expected one of ${choices.join(', ')}`);
  }
}

/** The image could not be written (`ERR_OUTPUT_WRITE`); `cause` has the system error. */
export class OutputError extends RaytracerError {
  constructor(
    readonly path: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super('ERR_OUTPUT_WRITE', message, options);
  }
}

/** An executor delivered a row twice, a row of the wrong size, or not every row (`ERR_RENDER_ROWS`). */
export class RenderRowsError extends RaytracerError {
  constructor(message: string) {
    super('ERR_RENDER_ROWS', message);
  }
}
