// Runs in each of a worker's created processes: receives jobs on its channel
// and runs them one at a time, until it receives `null`. A task's exception
// travels back as data, so the process lives on for the next job.
import type { Channel } from '../index.js';
import type { RemoteErrorData } from './errors.js';
import { pack, unpack, type Outcome } from './wire.js';

/** This module's URL, for starting it as a task. */
export const JOB_SERVER_URL = import.meta.url;

/** A job as the worker hands it to one of its processes. */
export interface ServerJob {
  /** The task module's `file:` URL, already checked by the worker's policy. */
  readonly module: string;
  readonly exportName: string;
  /** Identifies the shared leading arguments; `shared` holds them when this process has not seen them yet. */
  readonly sharedHash?: string;
  readonly shared?: Uint8Array;
  /** The packed elements. */
  readonly elements: Uint8Array;
}

/** What the process sends back: the packed `Outcome`, or why the job could not run at all. */
export type ServerReply = { ok: true; outcome: Uint8Array } | { ok: false; error: RemoteErrorData };

type TaskFunction = (...args: unknown[]) => unknown;

// Shared arguments seen by this process, newest last; a few are kept, so
// that runs that alternate do not send theirs again.
const SHARED_KEPT = 4;

/** The channel task: serves jobs until told to stop. */
export async function serveJobs(channel: Channel): Promise<void> {
  const shared = new Map<string, unknown[]>();
  for (let job = await channel.receive<ServerJob | null>(); job !== null; job = await channel.receive<ServerJob | null>()) {
    await channel.send(await runJob(job, shared));
  }
}

async function runJob(job: ServerJob, shared: Map<string, unknown[]>): Promise<ServerReply> {
  let fn: TaskFunction;
  let leading: unknown[] = [];
  try {
    fn = await loadFunction(job.module, job.exportName);
    if (job.sharedHash !== undefined) leading = sharedOf(job, shared);
  } catch (error) {
    return { ok: false, error: errorData(error) };
  }
  const outcome: Outcome = { values: [], failures: [] };
  for (const [position, element] of unpack<unknown[]>(job.elements).entries()) {
    try {
      outcome.values.push(await fn(...leading, element));
    } catch (error) {
      outcome.values.push(undefined);
      outcome.failures.push([position, errorData(error)]);
    }
  }
  try {
    return { ok: true, outcome: pack(outcome) };
  } catch (error) {
    return { ok: false, error: errorData(error) };
  }
}

function sharedOf(job: ServerJob, shared: Map<string, unknown[]>): unknown[] {
  const hash = job.sharedHash!;
  let args = shared.get(hash);
  if (!args) {
    if (!job.shared) throw new Error(`shared arguments ${hash} were not sent`);
    args = unpack<unknown[]>(job.shared);
    shared.set(hash, args);
    if (shared.size > SHARED_KEPT) shared.delete(shared.keys().next().value!);
  }
  return args;
}

async function loadFunction(module: string, exportName: string): Promise<TaskFunction> {
  const namespace = (await import(module)) as Record<string, unknown>;
  const fn = namespace[exportName];
  if (typeof fn !== 'function') throw new TypeError(`${module} has no exported function "${exportName}"`);
  return fn as TaskFunction;
}

// An exception as data: name, message, stack, code and plain own properties.
function errorData(error: unknown, depth = 0): RemoteErrorData {
  if (!(error instanceof Error)) return { name: 'Error', message: `A non-Error value was thrown: ${String(error)}` };
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (key !== 'code' && (value === null || ['string', 'number', 'boolean'].includes(typeof value))) props[key] = value;
  }
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    ...(error.stack !== undefined && { stack: error.stack }),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(Object.keys(props).length > 0 && { props }),
    ...(error.cause !== undefined && depth < 4 ? { cause: errorData(error.cause, depth + 1) } : {}),
  };
}
