// The echoing peer of bench/transport.ts: answers every message on the IPC
// channel and on the framed socket at fd 3, unchanged.
import { Socket } from 'node:net';
import { deserialize, serialize } from 'node:v8';
import { encodeFrame, FrameDecoder } from '../src/pprocess/codec/frame-codec.js';

if (process.send) {
  process.on('message', (message) => process.send!(message));
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
}
