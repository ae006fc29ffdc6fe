import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';

import { data } from 'react-router';

import { canReadDocument } from '../../core/auth/visibility';
import { attachmentHeader } from '../../core/http/attachment';
import { userContext } from '../../core/http/session.server';
import type { Route } from './+types/file';
import { downloadName } from './document-kinds';
import { getDocumentFile } from './documents.server';
import { storedPath } from './file-store.server';
import { parseDocumentId } from './document-params';

// A document's file, streamed from the store as a download: its type as read from its content
// when it was stored, never sniffed by the browser (nosniff), never shown inline, under a policy
// that lets nothing in it run. A reader who may not see the document gets a 404, as for one that
// does not exist.

/** Nothing of a download may load or run anything, should a browser ever render it. */
const DOWNLOAD_POLICY = "default-src 'none'; sandbox; frame-ancestors 'none'";

export async function loader({ params, context, request }: Route.LoaderArgs) {
  const id = parseDocumentId(params.id);
  const document = id === null ? undefined : getDocumentFile(id);
  if (
    !document ||
    !canReadDocument(context.get(userContext), document) ||
    document.origin !== 'upload' ||
    !document.fileHash ||
    !document.mediaType
  ) {
    throw data(null, { status: 404 });
  }
  const path = storedPath(document.fileHash);
  const size = await stat(path).then(
    (s) => s.size,
    () => null,
  );
  // The row names a file the store no longer has (files:check reports it).
  if (size === null) throw data(null, { status: 404 });
  const headers = {
    'Content-Type': document.mediaType,
    'Content-Length': String(size),
    'Content-Disposition': attachmentHeader(downloadName(document)),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': DOWNLOAD_POLICY,
    // Who may read it can change: every download is asked for again.
    'Cache-Control': 'private, no-store',
  };
  if (request.method === 'HEAD') return new Response(null, { headers });
  const body = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
  return new Response(body, { headers });
}
