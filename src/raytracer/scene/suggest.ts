// "Did you mean …": the known name closest to a misspelt one, for scene
// error messages.
import type { z } from 'zod';

/** The candidate nearest `word` by edit distance, if it is near enough to be a likely typo. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  // Two edits, or a third of the word for long names: beyond that it is a guess.
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** ` did you mean "sphere"?`, or nothing if no candidate is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closest(word, candidates);
  return match === undefined ? '' : ` did you mean ${JSON.stringify(match)}?`;
}

/**
 * The field names allowed where `path` points in `data`, following the
 * schema through arrays, records, defaults and `type`-discriminated unions.
 */
export function fieldsAt(schema: z.ZodType, data: unknown, path: readonly PropertyKey[]): string[] {
  const def = (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
  const [key, ...rest] = path;
  const at = (value: unknown): unknown => (value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key!] : undefined);
  switch (def.type) {
    case 'default':
    case 'optional':
    case 'nullable':
      return fieldsAt(def.innerType!, data, path);
    case 'object':
      return key === undefined ? Object.keys(def.shape!) : def.shape![key as string] ? fieldsAt(def.shape![key as string]!, at(data), rest) : [];
    case 'array':
      return key === undefined ? [] : fieldsAt(def.element!, at(data), rest);
    case 'record':
      return key === undefined ? [] : fieldsAt(def.valueType!, at(data), rest);
    case 'union': {
      const kind = (data as { type?: unknown } | undefined)?.type;
      const option = def.options!.find((candidate) => literalOf(candidate) === kind);
      return option ? fieldsAt(option, data, path) : [];
    }
    default:
      return [];
  }
}

// The parts of zod's schema definitions that the walk reads.
interface SchemaDef {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
}

// The value of an object schema's `type` literal.
function literalOf(schema: z.ZodType): unknown {
  const shape = (schema as unknown as { _zod: { def: SchemaDef } })._zod.def.shape;
  const values = (shape?.type as unknown as { _zod?: { values?: Set<unknown> } } | undefined)?._zod?.values;
  return values ? [...values][0] : undefined;
}

// Levenshtein distance: insertions, deletions and substitutions.
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
