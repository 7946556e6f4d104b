// The peer of the raw-transport baselines: a bare `node` that answers each
// message at once, on Node's IPC channel (`--ipc`: twice the number, or the
// message itself) or on a socket at file descriptor 3 framed by pprocess's
// codec (`--fd3`: the message itself).
import { Socket } from 'node:net';
import { deserialize, serialize } from 'node:v8';
// Not public API, so from dist/ by path: pprocess's frame codec (for the bare-socket baseline).
import { encodeFrame, FrameDecoder } from '../../dist/pprocess/codec/frame-codec.js';

if (process.argv.includes('--ipc')) {
  process.on('message', (message) => {
    process.send!(typeof message === 'number' ? message * 2 : message);
  });
  process.on('disconnect', () => process.exit(0));
}

if (process.argv.includes('--fd3')) {
  const socket = new Socket({ fd: 3, readable: true, writable: true });
  const decoder = new FrameDecoder();
  socket.on('data', (chunk: Buffer) => {
    for (const frame of decoder.push(chunk)) {
      const [header, body] = encodeFrame(frame.kind, serialize(deserialize(frame.body)));
      socket.cork();
      socket.write(header);
      socket.write(body);
      socket.uncork();
    }
  });
  socket.on('end', () => process.exit(0));
}
