// Callables made wrongly are refused where they are made or first used,
// with a TypeError whose code is ERR_INVALID_CALLABLE and a message saying the fix.
import { describe, expect, test } from 'vitest';
import { makeParallel, makeReusable, partial, pmap, start, task } from '../../../src/pprocess/index.js';

export function double(n: number): number {
  return n * 2;
}

const made = task(import.meta.url, double);

describe('an invalid callable', () => {
  test.each<[string, () => unknown, RegExp]>([
    ['a plain function given to start()', () => start(double as never), /start\(\) expects a Callable .*wrap it with task\(import\.meta\.url, double\)/],
    ['a plain function given to pmap()', () => pmap(double as never, [1]), /expects a Callable .*wrap it with task\(import\.meta\.url, double\)/],
    ['null given to partial()', () => partial(null as never, 1), /partial\(\) expects a Callable .*got null/],
    ['an anonymous function', () => task(import.meta.url, (() => (n: number) => n)()), /cannot find an anonymous function in another process: export it under a name/],
    ['a relative module path', () => makeParallel('./tasks.js', 'double'), /needs the module's file: URL or absolute path, got "\.\/tasks\.js"; pass import\.meta\.url/],
    ['a number for the function', () => makeReusable(import.meta.url, 3 as never), /expects an exported function or its name, got number/],
    ['a second argument with a callable', () => (makeParallel as (...args: unknown[]) => unknown)(made, 'double'), /makeParallel\(callable\) takes no second argument/],
    ['a module without a function', () => makeParallel(import.meta.url as never), /makeParallel expects a Callable, or a module URL and a function/],
  ])('%s: TypeError ERR_INVALID_CALLABLE', (_name, misuse, message) => {
    let thrown: unknown;
    try {
      misuse();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    expect(thrown).toMatchObject({ code: 'ERR_INVALID_CALLABLE' });
    expect((thrown as Error).message).toMatch(message);
  });
});
