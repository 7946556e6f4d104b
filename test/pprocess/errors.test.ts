import { describe, expect, test } from 'vitest';
import { PProcessError, ProcessExitError, RemoteError, reviveError, serializeError } from '../../src/pprocess/errors.js';

class QuotaError extends Error {
  override name = 'QuotaError';
  code = 'E_QUOTA';
  limit = 10;
}

describe('serializeError/reviveError', () => {
  test('keeps class name, message, stack, code, own properties and cause', () => {
    const error = new QuotaError('over quota', { cause: new TypeError('inner') });
    const data = serializeError(error);
    expect(data).toMatchObject({ name: 'QuotaError', message: 'over quota', code: 'E_QUOTA', props: { limit: 10 } });
    expect(data.stack).toContain('over quota');
    const revived = reviveError(data) as Error & { code: string; limit: number };
    expect(revived.name).toBe('QuotaError');
    expect(revived.code).toBe('E_QUOTA');
    expect(revived.limit).toBe(10);
    expect(revived.stack).toBe(error.stack);
    expect(revived.cause).toBeInstanceOf(TypeError);
  });

  test('describes thrown values that are not errors', () => {
    expect(serializeError('just a string')).toEqual({ name: 'Error', message: 'A non-Error value was thrown: "just a string"' });
  });

  test('revives built-in classes as themselves', () => {
    expect(reviveError(serializeError(new RangeError('r')))).toBeInstanceOf(RangeError);
  });
});

describe('RemoteError', () => {
  test('carries the remote name, code, properties, pid and stack frames', () => {
    const remote = serializeError(new QuotaError('over quota'));
    const error = new RemoteError(remote, 1234, 5) as RemoteError & { limit: number };
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('RemoteError');
    expect(error.remoteName).toBe('QuotaError');
    expect(error.code).toBe('E_QUOTA');
    expect(error.limit).toBe(10);
    expect(error.pid).toBe(1234);
    expect(error.taskIndex).toBe(5);
    expect(error.stack).toMatch(/^RemoteError: QuotaError: over quota \(in process 1234\)\n\s+at /);
  });

  test('has a code of its own when the remote error has none', () => {
    expect(new RemoteError(serializeError(new Error('x')), 1).code).toBe('ERR_REMOTE');
  });
});

test('ProcessExitError names the pid, the exit code or signal, and the task', () => {
  expect(new ProcessExitError(7, 3, null).forTask(2).message).toBe('Process 7 exited with code 3 while running task 2');
  const killed = new ProcessExitError(7, null, 'SIGKILL');
  expect(killed.message).toBe('Process 7 was killed by SIGKILL');
  expect(killed.code).toBe('ERR_PROCESS_EXIT');
});

test('codes come from one registry: a made-up code is a type error, a registered one is not', () => {
  // @ts-expect-error 'ERR_MADE_UP' is not a PProcessErrorCode (checked by npm run typecheck, which CI runs).
  const madeUp = new PProcessError('ERR_MADE_UP', 'a code nobody registered');
  const registered = new PProcessError('ERR_NO_RESULT', 'a registered code');
  expect([madeUp.code, registered.code]).toEqual(['ERR_MADE_UP', 'ERR_NO_RESULT']);
});
