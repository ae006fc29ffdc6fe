// Builds the workshop pack's files (.pptx, .docx) off the thread that answers requests: started
// by pack-queue.server.ts (workerRunner) with the path of the server bundle the production server
// runs, it loads that bundle once and calls its `buildPackFile` for each job message, one at a
// time. Plain JavaScript so that the built server runs it as it is. The bundle's getDb() opens
// this thread's own connection to DATABASE_URL (WAL: it reads while the server writes).
// Answers each { id, format, request, today } with { id, ok: true, bytes } (the bytes' buffer is
// transferred, not copied) or { id, ok: false, message }.
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

const build = await import(pathToFileURL(workerData.serverBuild).href);
const { buildPackFile } = build.entry.module;
if (typeof buildPackFile !== 'function') {
  throw new Error(`${workerData.serverBuild} exports no buildPackFile: run \`npm run build\`.`);
}

/** A Uint8Array that owns its whole buffer (a Buffer may be a view into a shared pool). */
function ownBuffer(bytes) {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes
    : new Uint8Array(bytes);
}

parentPort.on('message', async ({ id, format, request, today }) => {
  try {
    const bytes = ownBuffer(await buildPackFile(format, request, today));
    parentPort.postMessage({ id, ok: true, bytes }, [bytes.buffer]);
  } catch (error) {
    // The stack goes to the server's log; the request gets the message.
    console.error('A pack file could not be built:', error);
    parentPort.postMessage({ id, ok: false, message: String(error?.message ?? error) });
  }
});
