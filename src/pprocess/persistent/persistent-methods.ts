// What the persistent exchanges add to Exchange and Queue (the original's
// Persistent mix-in): watching background processes by their addresses.
import type { Exchange, ExchangeOptions } from '../exchange/exchange.js';
import { PProcessError } from '../errors.js';
import { assertCallable, type AnyCallable } from '../process/callable.js';
import { resolveAddress } from './address.js';
import { startBackground, validateBackgroundOptions, type BackgroundOptions } from './background.js';
import { connectPersistent } from './connect.js';

/** Options of a `PersistentExchange` or `PersistentQueue`. */
export interface PersistentExchangeOptions extends ExchangeOptions, BackgroundOptions {}

/** Connects to the background process at `address` and watches it, first waiting while the exchange is busy. */
export async function connectTo(exchange: Exchange, address: string): Promise<void> {
  const channel = await connectPersistent(address);
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

/** The error for fork-style creation of a background process, which is not supported. */
export function createNotSupported(api: string): PProcessError {
  return new PProcessError('ERR_NOT_SUPPORTED',
    `${api}: creating a background process fork-style is not supported; ` +
      'start one with start(address, callable, ...args) or backgroundCallable(address, callable)');
}
