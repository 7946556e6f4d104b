// What the persistent exchanges add to Exchange and Queue (the original's
// Persistent mix-in): watching background processes by their addresses.
import type { Channel } from '../channel/channel.js';
import type { Exchange, ExchangeOptions } from '../exchange/exchange.js';
import { serializeError } from '../errors.js';
import { assertCallable, type AnyCallable } from '../process/callable.js';
import { resolveAddress } from './address.js';
import { replayPlanFor, unmuteReplay } from '../process/create.js';
import { nextCreateStep } from '../process/replay.js';
import { createBackground, startBackground, validateBackgroundOptions, type BackgroundOptions } from './background.js';
import { connectPersistent } from './connect.js';
import type { ConnectOptions } from './connect-options.js';
import { handoverChannel, listenAndReport } from './handover.js';

/** Options of a `PersistentExchange` or `PersistentQueue`. */
export interface PersistentExchangeOptions extends ExchangeOptions, BackgroundOptions {}

/** Connects to the background process at `address` and watches it, first waiting while the exchange is busy. */
export async function connectTo(exchange: Exchange, address: string, options?: ConnectOptions): Promise<void> {
  const channel = await connectPersistent(address, options);
  try {
    await exchange.addWait(channel);
  } catch (error) {
    channel.close();
    throw error;
  }
}

/**
 * Starts `callable` in a background process at `address` once the exchange
 * has room, then connects to it and watches it. If this program ends first,
 * a later one collects the results with `connect(address)`.
 */
export async function startAt(exchange: Exchange, options: BackgroundOptions, address: string,
  callable: AnyCallable, args: unknown[]): Promise<void> {
  const api = `${exchange.constructor.name}.start()`;
  const path = resolveAddress(address, api);
  assertCallable(callable, api);
  await exchange.wait();
  await startBackground(path, callable, args, options);
  await connectTo(exchange, path);
}

/** Returns a function that starts `callable` at `address` in the exchange (see `startAt`). */
export function manageAt(exchange: Exchange, options: BackgroundOptions, address: string,
  callable: AnyCallable): (...args: unknown[]) => Promise<void> {
  const api = `${exchange.constructor.name}.manage()`;
  const path = resolveAddress(address, api);
  assertCallable(callable, api);
  return (...args) => startAt(exchange, options, path, callable, args);
}

/** Keeps the background options of a persistent exchange, validated. */
export function backgroundOptionsOf(options: PersistentExchangeOptions, api: string): BackgroundOptions {
  validateBackgroundOptions(options, api);
  return options.log === undefined ? {} : { log: options.log };
}

/**
 * Fork-style: in the creator, starts a background process that replays the
 * program to this create(address) call (see create()), where it listens at
 * `address`; then watches it, once the exchange has room, and returns null.
 * In that process, the call returns its persistent channel (pid 0): the
 * rest of the program runs there, in the background, until `exit(channel)`.
 */
export async function createAt(exchange: Exchange, options: BackgroundOptions, address: string): Promise<Channel | null> {
  const path = resolveAddress(address, `${exchange.constructor.name}.create()`);
  const step = nextCreateStep();
  if (step.kind === 'replayed') return null;
  if (step.kind === 'own') return becomeBackground(path);
  await exchange.wait();
  await createBackground(path, replayPlanFor(step), options);
  await connectTo(exchange, path);
  return null;
}

// The replay has reached its create(address): it listens there, tells its
// creator, and runs the rest of the program in the background.
async function becomeBackground(address: string): Promise<Channel> {
  const { channel } = await listenAndReport(handoverChannel(), address);
  unmuteReplay();
  // An exception escaping the created branch waits for a client, as a result would.
  process.on('uncaughtException', (error) => {
    channel.sendError(serializeError(error)).finally(() => process.exit(1));
  });
  return channel;
}
