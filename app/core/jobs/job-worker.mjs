// Does jobs off the thread that answers requests: started by worker-runner.server.ts with the
// path of the jobs bundle (build/jobs/index.js, from app/jobs.server.ts: decision 0086) and the
// name of one function it exports (`buildPackFile`, `buildExportFile`, `runImportStep`), it loads
// the bundle once and calls that function for each job message, one at a time. Plain JavaScript
// so that the built server runs it as it is. The bundle's getDb() opens this thread's own
// connection to DATABASE_URL (WAL: it reads while the server writes).
// Answers each { id, args } with { id, ok: true, result } or { id, ok: false, message }. The bytes
// of a result (a Uint8Array, or one as the result's `body`) are transferred, not copied.
import { setPriority } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

// On Linux a nice value is a thread's own: this thread yields the cores to the one answering
// requests (and to every other serving process) whenever both want one.
try {
  setPriority(10);
} catch {
  // Not allowed here (another system): the thread runs at the process's priority.
}

const build = await import(pathToFileURL(workerData.serverBuild).href);
const handler = build[workerData.handler];
if (typeof handler !== 'function') {
  throw new Error(
    `${workerData.serverBuild} exports no ${workerData.handler}: run \`npm run build\`.`,
  );
}

/** A Uint8Array that owns its whole buffer (a Buffer may be a view into a shared pool). */
function ownBuffer(bytes) {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes
    : new Uint8Array(bytes);
}

/** The result with its bytes in buffers of their own, and those buffers to transfer. */
function transferable(result) {
  if (result instanceof Uint8Array) {
    const bytes = ownBuffer(result);
    return [bytes, [bytes.buffer]];
  }
  if (result && result.body instanceof Uint8Array) {
    const body = ownBuffer(result.body);
    return [{ ...result, body }, [body.buffer]];
  }
  return [result, []];
}

parentPort.on('message', async ({ id, args }) => {
  try {
    const [result, transfer] = transferable(await handler(...args));
    parentPort.postMessage({ id, ok: true, result }, transfer);
  } catch (error) {
    // The stack goes to the server's log; the request gets the message.
    console.error(`${workerData.handler} failed:`, error);
    parentPort.postMessage({ id, ok: false, message: String(error?.message ?? error) });
  }
});
