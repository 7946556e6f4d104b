// pprocess: process parallelism for Node.js, a port of Paul Boddie's Python pprocess.
export { Channel, type ExitStatus } from './channel/channel.js';
export { getNumberOfCores } from './cores.js';
export {
  AbortError,
  ChannelClosedError,
  ExchangeClosedError,
  FrameTooLargeError,
  PProcessError,
  type PProcessErrorCode,
  ProcessExitError,
  ProtocolError,
  RemoteError,
  StartDuringImportError,
  StartTimeoutError,
  TaskLoadError,
  TimeoutError,
} from './errors.js';
export { Exchange, type ExchangeOptions } from './exchange/exchange.js';
export { ParallelMap, ParallelMap as Map } from './exchange/parallel-map.js';
export { pmap, type PmapOptions } from './exchange/pmap.js';
export { Queue } from './exchange/queue.js';
export { makeParallel, makeReusable, partial, task, type Callable } from './process/callable.js';
export { create } from './process/create.js';
export { isMain } from './process/import-guard.js';
export { CreateReplayError } from './process/replay.js';
export { exit, start } from './process/start.js';
export { prestart, type PrestartOptions } from './process/pool.js';
export { waitall } from './process/waitall.js';
export { BackgroundExitError, SocketAddressError } from './errors.js';
export { MAX_SOCKET_PATH_BYTES } from './persistent/address.js';
export { backgroundCallable, type BackgroundOptions } from './persistent/background.js';
export { connectPersistent, type ConnectOptions } from './persistent/connect.js';
export { PersistentExchange } from './persistent/persistent-exchange.js';
export { type PersistentExchangeOptions } from './persistent/persistent-methods.js';
export { backgroundQueue, PersistentQueue } from './persistent/persistent-queue.js';
