// What travels through Redis: job data and results as typed records, their
// values packed with V8's structured-clone serializer and carried as base64
// text (JSON would turn a Uint8Array into ten times as many digits).
import { deserialize, serialize } from 'node:v8';
import type { RemoteErrorData } from './errors.js';

/** A task named so that any machine can find it: a module of an installed package (or allowed), and its export. */
export interface TaskRef {
  /** `<package name>/<path in the package>`, or exactly a module a worker was started with `--allow`. */
  readonly module: string;
  /** The exported function's name. */
  readonly exportName: string;
  /** Arguments before each element (see `remoteTask`); they travel once, not in the job. */
  readonly leading?: readonly unknown[];
}

/** Data shared by every job of a run (the `partial` arguments), stored once in Redis. */
export interface SharedRef {
  /** The Redis key holding the packed arguments. */
  readonly key: string;
  /** Their SHA-256, by which workers cache them. */
  readonly hash: string;
}

/** A job's data: which task, the shared data, and this job's elements (packed). */
export interface JobData {
  readonly v: 1;
  readonly task: TaskRef;
  readonly shared?: SharedRef;
  /** The packed array of elements: the task is called once on each. */
  readonly elements: string;
  /** The most time one attempt may take, in milliseconds. */
  readonly timeoutMs?: number;
}

/** What a job returns: where it ran, and its packed `Outcome`. */
export interface JobResult {
  readonly host: string;
  readonly pid: number;
  readonly outcome: string;
}

/** The results of a job's elements: one value each, and the positions that threw. */
export interface Outcome {
  values: unknown[];
  failures: Array<[position: number, error: RemoteErrorData]>;
}

/** Packs a structured-clone value into bytes. */
export function pack(value: unknown): Buffer {
  return serialize(value);
}

/** Unpacks bytes made by `pack` (data only: nothing in them is run). */
export function unpack<T>(bytes: Uint8Array): T {
  return deserialize(bytes) as T;
}

/** Packs a value as base64 text. */
export function packText(value: unknown): string {
  return serialize(value).toString('base64');
}

/** Unpacks base64 text made by `packText`. */
export function unpackText<T>(text: string): T {
  return deserialize(Buffer.from(text, 'base64')) as T;
}

/** Whether `value` has the shape of `JobData` (a worker checks before it trusts a job). */
export function isJobData(value: unknown): value is JobData {
  const data = value as JobData;
  return (
    typeof data === 'object' && data !== null && data.v === 1 &&
    typeof data.task?.module === 'string' && typeof data.task?.exportName === 'string' &&
    typeof data.elements === 'string' &&
    (data.shared === undefined || (typeof data.shared.key === 'string' && /^[0-9a-f]{64}$/.test(data.shared.hash))) &&
    (data.timeoutMs === undefined || (typeof data.timeoutMs === 'number' && data.timeoutMs > 0))
  );
}
