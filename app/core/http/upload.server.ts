import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

import busboy from 'busboy';

// A file upload read as it arrives (busboy), never held in memory: the form's CSRF field is checked
// before a byte of the file is taken (it comes first: every form puts it first), the file goes
// straight to a temporary file, and the bytes are counted on the way. The production server
// counts the whole body too (scripts/server/request-handler.mjs); this also holds under
// `npm run dev`.

export type UploadRefusal = 'csrf' | 'too-large' | 'malformed';

export interface ReceivedUpload {
  /** The text fields, the CSRF field among them (a field sent more than once: its last value). */
  fields: Map<string, string>;
  /** Every text field as sent, in order (checkboxes of one name send several). */
  entries: [string, string][];
  /** The one file, on disk (flushed), with its SHA-256; null when the form had none or it was empty. */
  file: { name: string; path: string; size: number; sha256: string } | null;
  /** Removes the temporary file. */
  cleanup: () => Promise<void>;
}

const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 64 * 1024;

/**
 * Reads a multipart/form-data request holding at most one file, in field `fileField`. Refused
 * ('csrf') when no valid CSRF field comes before the file (or, without a file, in the whole form),
 * or when the body breaks before it was read; once it checked out, ('too-large') past `maxBytes`
 * and ('malformed') for a body that is not a well-formed form.
 */
export async function receiveUpload(
  request: Request,
  options: {
    fileField: string;
    maxBytes: number;
    csrfField: string;
    isCsrfValid: (token: string) => boolean;
    /** Where the temporary file is written (a document upload: the file store's tmp/). */
    directory?: string;
  },
): Promise<{ ok: true; upload: ReceivedUpload } | { ok: false; reason: UploadRefusal }> {
  if (!request.body) return { ok: false, reason: 'malformed' };
  const dir = await mkdtemp(join(options.directory ?? tmpdir(), 'hub-upload-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const fields = new Map<string, string>();
  const entries: [string, string][] = [];
  let file: ReceivedUpload['file'] = null;

  const outcome = await new Promise<'ok' | UploadRefusal>((resolve) => {
    let settled = false;
    const settle = (value: 'ok' | UploadRefusal) => {
      if (settled) return;
      settled = true;
      source.unpipe(parser);
      // Whatever is still arriving is not read: the server closes the connection once it answers.
      source.destroy();
      resolve(value);
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': request.headers.get('Content-Type') ?? '' },
        // Browsers send a file's name as UTF-8 bytes (a Chinese name stays Chinese).
        defParamCharset: 'utf8',
        limits: {
          files: 1,
          fileSize: options.maxBytes,
          fields: MAX_FIELDS,
          fieldSize: MAX_FIELD_BYTES,
          parts: MAX_FIELDS + 1,
        },
      });
    } catch {
      // Not a multipart body busboy can read (no boundary): its token cannot be read either.
      resolve('csrf');
      return;
    }
    const source = Readable.fromWeb(request.body as unknown as WebReadableStream<Uint8Array>);
    let writing: Promise<void> = Promise.resolve();
    /** Checked once: at the file, or at the end of a form that holds none. */
    const isCsrfValid = () => {
      const token = fields.get(options.csrfField);
      return token !== undefined && options.isCsrfValid(token);
    };
    let isCsrfChecked = false;

    // Whatever goes wrong before the token was checked is a form that could not be checked.
    const fail = (reason: UploadRefusal) => settle(isCsrfChecked ? reason : 'csrf');
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) {
        // A field longer than any of the hub's forms sends: malformed, once the token (which the
        // hub's forms send first) has checked out; before that it is a form that cannot be checked.
        if (!isCsrfChecked && isCsrfValid()) isCsrfChecked = true;
        return fail('malformed');
      }
      fields.set(name, value);
      entries.push([name, value]);
    });
    parser.on('file', (name, stream, info) => {
      if (!isCsrfChecked && !isCsrfValid()) {
        stream.resume();
        return settle('csrf');
      }
      isCsrfChecked = true;
      if (name !== options.fileField) {
        stream.resume();
        return;
      }
      const path = join(dir, 'upload');
      const received = { name: info.filename ?? '', path, size: 0, sha256: '' };
      const hash = createHash('sha256');
      stream.on('data', (chunk: Buffer) => {
        received.size += chunk.length;
        hash.update(chunk);
      });
      stream.on('limit', () => fail('too-large'));
      writing = new Promise<void>((done, fail) => {
        // flush: the file is on disk (fsync) before it is closed, so what is kept is complete.
        const out = createWriteStream(path, { flush: true });
        out.on('finish', done);
        out.on('error', fail);
        stream.pipe(out);
      }).then(() => {
        received.sha256 = hash.digest('hex');
        if (received.size > 0) file = received;
      });
    });
    parser.on('partsLimit', () => fail('malformed'));
    parser.on('filesLimit', () => fail('malformed'));
    parser.on('fieldsLimit', () => fail('malformed'));
    parser.on('error', () => fail('malformed'));
    parser.on('close', () => {
      if (!isCsrfChecked && !isCsrfValid()) return settle('csrf');
      isCsrfChecked = true;
      writing.then(
        () => settle('ok'),
        () => fail('malformed'),
      );
    });
    source.on('error', () => fail('malformed'));
    source.pipe(parser);
  });

  if (outcome !== 'ok') {
    await cleanup();
    return { ok: false, reason: outcome };
  }
  return { ok: true, upload: { fields, entries, file, cleanup } };
}
