// A module beside another, in the same form as it: a .ts file when the code
// runs from the TypeScript sources (tests, tsx), a .js file when compiled.

/** The URL of module `name` (a path without extension, relative to `base`, an `import.meta.url`), with `base`'s extension. */
export function siblingModule(base: string, name: string): URL {
  return new URL(`${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}
