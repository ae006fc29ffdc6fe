// HTTP requests written by hand on a socket, for what fetch() will not send: any method token
// (CONNECT, TRACE, WebDAV's, garbage), bodies of any size and framing (declared or chunked),
// bodies sent slowly. Used by the fuzz and server-process tests.
import { connect } from 'node:net';

export interface RawAnswer {
  /** 0 when the server closed the connection without a status line. */
  status: number;
  headers: Record<string, string>;
  /** The first bytes of the body (the answer is read until the server closes). */
  body: string;
}

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent as is after the headers; with `chunked`, each piece as one chunk. */
  body?: Iterable<Buffer> | AsyncIterable<Buffer>;
  /** Transfer-Encoding: chunked instead of Content-Length (which must then be in `headers`). */
  chunked?: boolean;
  /** Give up after this long (ms). */
  timeout?: number;
}

function parseHead(head: string): Pick<RawAnswer, 'status' | 'headers'> {
  const [statusLine = '', ...lines] = head.split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { status, headers };
}

/**
 * Sends one request with `Connection: close` and reads the answer until the server closes. A
 * server that answers before the body is all sent (a refusal) and then closes is read as it
 * answered: a write that fails after that is not an error.
 */
export function rawRequest(baseUrl: string, request: RawRequest): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const received: Buffer[] = [];
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(received).toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      const { status, headers } = parseHead(end === -1 ? text : text.slice(0, end));
      resolve({ status, headers, body: end === -1 ? '' : text.slice(end + 4, end + 4 + 2000) });
    };
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      socket.destroy();
      reject(new Error(`${request.method} ${request.path}: no answer in ${request.timeout} ms`));
    }, request.timeout ?? 30_000);
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('end', finish);
    socket.on('close', finish);
    // A reset after the server answered and closed is how a refused upload ends.
    socket.on('error', () => finish());
    socket.on('connect', async () => {
      const headers = {
        Host: `${hostname}:${port}`,
        Connection: 'close',
        ...(request.chunked ? { 'Transfer-Encoding': 'chunked' } : {}),
        ...request.headers,
      };
      const head = `${request.method} ${request.path} HTTP/1.1\r\n${Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\r\n')}\r\n\r\n`;
      socket.write(head);
      try {
        for await (const piece of request.body ?? []) {
          if (settled || socket.destroyed) return;
          // Every piece of a chunk is written whatever write() answers (false only asks to wait).
          let written = true;
          const pieces = request.chunked
            ? [Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]
            : [piece];
          for (const part of pieces) written = socket.write(part) && written;
          if (!written) await new Promise((r) => socket.once('drain', r));
        }
        if (request.chunked && !socket.destroyed) socket.write('0\r\n\r\n');
      } catch {
        // The server closed the connection while the body was still being sent.
      }
    });
  });
}

/** `total` bytes of `fill` in pieces of `piece` bytes, made as they are sent. */
export function* bytes(total: number, piece = 64 * 1024, fill = 0x61): Generator<Buffer> {
  const block = Buffer.alloc(piece, fill);
  for (let sent = 0; sent < total; sent += piece) {
    yield sent + piece <= total ? block : block.subarray(0, total - sent);
  }
}
