// The persistent channel in one process: the listening end as a background
// process has it, and clients connecting, leaving and coming back.
import { existsSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ChannelClosedError, type Channel } from '../../../src/pprocess/index.js';
import { connectPersistent } from '../../../src/pprocess/persistent/connect.js';
import { listenPersistent, type PersistentEndpoint } from '../../../src/pprocess/persistent/persistent-channel.js';
import { sleep } from '../../helpers/processes.js';
import { removeSocketDirectory, socketDirectory } from './background-helpers.js';

let dir: string;
let address: string;
let endpoint: PersistentEndpoint;
const clients: Channel[] = [];

beforeEach(async () => {
  dir = socketDirectory();
  address = join(dir, 'task.socket');
  endpoint = await listenPersistent(address);
});

afterEach(() => {
  for (const client of clients.splice(0)) client.close();
  endpoint.close();
  removeSocketDirectory(dir);
});

async function client(): Promise<Channel> {
  const channel = await connectPersistent(address);
  clients.push(channel);
  return channel;
}

// Resolves once `channel` has a message waiting to be received.
async function untilReadable(channel: Channel): Promise<void> {
  while (!channel.readable) await sleep(10);
}

describe('a persistent channel', () => {
  test('its socket file is readable and writable by its owner only', () => {
    expect(statSync(address).mode & 0o777).toBe(0o600);
    expect(statSync(address).uid).toBe(process.getuid!());
  });

  test('send waits for a client to take the value', async () => {
    let taken = false;
    const sent = endpoint.channel.send('early').then(() => (taken = true));
    await sleep(100);
    expect(taken).toBe(false);
    const channel = await client();
    expect(await channel.receive()).toBe('early');
    await sent;
    expect(channel.pid).toBe(process.pid);
  });

  test('the next client continues where the last one left', async () => {
    const server = endpoint.channel;
    const sent = (async () => {
      for (const value of [1, 2, 3]) await server.send(value);
    })();
    const first = await client();
    expect(await first.receive()).toBe(1);
    first.close();
    const second = await client();
    expect(await second.receive()).toBe(2);
    expect(await second.receive()).toBe(3);
    await sent;
  });

  test('a value that reached a client which left without receiving it goes to the next client', async () => {
    const server = endpoint.channel;
    const sent = (async () => {
      for (const value of ['a', 'b', 'c']) await server.send(value);
    })();
    const first = await client();
    expect(await first.receive()).toBe('a');
    await untilReadable(first); // 'b' has arrived, unreceived
    first.close();
    const second = await client();
    expect([await second.receive(), await second.receive()]).toEqual(['b', 'c']);
    await sent;
  });

  test('a client waits while another is served, then is served', async () => {
    const first = await client();
    let secondConnected = false;
    const second = client().then((channel) => {
      secondConnected = true;
      return channel;
    });
    await sleep(150);
    expect(secondConnected).toBe(false);
    first.close();
    const channel = await second;
    const sent = endpoint.channel.send('for the second');
    expect(await channel.receive()).toBe('for the second');
    await sent;
  });

  test('talks both ways, and its receive() waits across clients', async () => {
    const server = endpoint.channel;
    const echoed = (async () => {
      const value = await server.receive();
      await server.send(value);
    })();
    const first = await client();
    first.close();
    const second = await client();
    await second.send({ round: 'trip' });
    expect(await second.receive()).toEqual({ round: 'trip' });
    await echoed;
  });

  test('a client that breaks the protocol loses its connection; the channel serves the next', async () => {
    const rogue = connect({ path: address });
    await new Promise((resolve) => rogue.once('connect', resolve));
    rogue.resume();
    rogue.write(Buffer.from([0, 0, 0, 1, 99])); // a frame of an unknown kind
    await new Promise((resolve) => rogue.once('close', resolve));
    const sent = endpoint.channel.send('still here');
    const channel = await client();
    expect(await channel.receive()).toBe('still here');
    await sent;
  });

  test('closing ends the client connection and removes the socket file', async () => {
    const channel = await client();
    endpoint.close();
    expect(existsSync(address)).toBe(false);
    await expect(channel.receive()).rejects.toMatchObject({ code: 'ERR_PROCESS_EXIT' });
  });

  test('a client that receives the done frame ends cleanly', async () => {
    const channel = await client();
    const { Kind } = await import('../../../src/pprocess/channel/protocol.js');
    endpoint.channel.sendControl(Kind.done);
    await endpoint.channel.flush();
    endpoint.close();
    await expect(channel.receive()).rejects.toBeInstanceOf(ChannelClosedError);
    expect(channel.finished).toBe(true);
  });
});
