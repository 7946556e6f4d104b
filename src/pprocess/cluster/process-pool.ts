// A worker's created processes: one job server each, started ahead, handed
// one job at a time, replaced when one dies or overruns its time limit.
import { start, task, type Channel } from '../index.js';
import { ClusterError } from './errors.js';
import { JOB_SERVER_URL, serveJobs, type ServerJob, type ServerReply } from './job-server.js';

interface Server {
  readonly channel: Channel;
  /** The shared data this process already holds, by hash. */
  readonly sharedHashes: Set<string>;
}

/** What a job needs besides its elements: its shared data, fetched only if some process lacks it. */
export interface JobRequest extends Omit<ServerJob, 'shared'> {
  readonly loadShared?: () => Promise<Uint8Array>;
  readonly timeoutMs?: number;
}

/** A fixed number of job-serving processes. */
export class ProcessPool {
  readonly #idle: Server[] = [];
  readonly #all = new Set<Server>();
  #closed = false;

  constructor(size: number) {
    for (let i = 0; i < size; i++) this.#idle.push(this.#startServer());
  }

  /** The pids of the processes now running. */
  get pids(): number[] {
    return [...this.#all].map((server) => server.channel.pid);
  }

  /** Runs a job in an idle process (the caller runs at most `size` at once) and resolves with its reply and pid. */
  async run(job: JobRequest): Promise<{ reply: ServerReply; pid: number }> {
    const server = this.#idle.pop() ?? this.#startServer();
    const { loadShared, timeoutMs, ...rest } = job;
    let shared: Uint8Array | undefined;
    try {
      if (rest.sharedHash !== undefined && !server.sharedHashes.has(rest.sharedHash)) shared = await loadShared?.();
    } catch (error) {
      this.#release(server);
      throw error;
    }
    const pid = server.channel.pid;
    let timer: NodeJS.Timeout | undefined;
    try {
      await server.channel.send({ ...rest, ...(shared && { shared }) });
      const reply = server.channel.receive<ServerReply>();
      const timedOut = timeoutMs === undefined ? undefined : new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ClusterError('ERR_TIMEOUT', `process ${pid} ran for longer than ${timeoutMs} ms and was killed`)), timeoutMs);
      });
      const result = await (timedOut ? Promise.race([reply, timedOut]) : reply);
      if (rest.sharedHash !== undefined) server.sharedHashes.add(rest.sharedHash);
      this.#release(server);
      return { reply: result, pid };
    } catch (error) {
      this.#discard(server);
      if (error instanceof ClusterError) throw error;
      throw new ClusterError('ERR_PROCESS_EXIT', `process ${pid} ended while running the job: ${(error as Error).message}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends every process (after its current job, or killed after `graceMs`) and waits for them to exit. */
  async close(graceMs: number): Promise<void> {
    this.#closed = true;
    const servers = [...this.#all];
    this.#idle.length = 0;
    await Promise.all(servers.map(async ({ channel }) => {
      const timer = setTimeout(() => killQuietly(channel.pid), graceMs);
      channel.send(null).catch(() => killQuietly(channel.pid));
      await channel.wait().catch(() => undefined);
      clearTimeout(timer);
    }));
    this.#all.clear();
  }

  #startServer(): Server {
    const server = { channel: start(task(JOB_SERVER_URL, serveJobs)), sharedHashes: new Set<string>() };
    this.#all.add(server);
    // A process that dies while idle is dropped; the next job starts another.
    void server.channel.wait().then(() => this.#forget(server), () => this.#forget(server));
    return server;
  }

  #release(server: Server): void {
    if (this.#closed || !this.#all.has(server)) return;
    this.#idle.push(server);
  }

  #discard(server: Server): void {
    killQuietly(server.channel.pid);
    server.channel.close();
    this.#forget(server);
  }

  #forget(server: Server): void {
    this.#all.delete(server);
    const at = this.#idle.indexOf(server);
    if (at >= 0) this.#idle.splice(at, 1);
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
