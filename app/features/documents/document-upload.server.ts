import { rm } from 'node:fs/promises';

import type { DocumentMediaType } from '../../../db/vocabulary';
import type { WriteContext } from '../../../db/writes.server';
import { type Db, getDb } from '../../core/db.server';
import type { DocumentValues } from './document-forms';
import { type DocumentText, createDocument, removeIfUnused } from './document-writes.server';
import { sniffDocumentType } from './documents-type.server';
import { EXTRACTABLE_MEDIA_TYPES, type ExtractResult } from './extract-types';
import { filesDir, keepFile } from './file-store.server';

// Keeping an uploaded file: its type from its content, its text read while it is still a temp
// file, then renamed into the store, then the row with its text and links in one transaction. Any
// failure leaves nothing behind: the temp file is removed, and a kept file no row names goes.

/** Reads a stored temp file's text (extract.server.ts); null while no extraction is wired in. */
export type Extractor = (path: string, mediaType: DocumentMediaType) => Promise<ExtractResult>;

/** Why an upload was refused, as the message key shown next to the file field. */
export type UploadFailure = 'documents.error.notSupported' | `documentText.error.${string}`;

export async function storeUploadedDocument(
  file: { path: string; size: number; sha256: string; name: string },
  values: DocumentValues,
  who: WriteContext,
  options: { extract: Extractor | null; root?: string; db?: Db },
): Promise<{ ok: true; id: number } | { ok: false; error: UploadFailure }> {
  const root = options.root ?? filesDir();
  const db = options.db ?? getDb();
  try {
    const mediaType = await sniffDocumentType(file.path);
    if (!mediaType) return { ok: false, error: 'documents.error.notSupported' };
    let text: DocumentText = { state: 'not-applicable' };
    if (EXTRACTABLE_MEDIA_TYPES.includes(mediaType)) {
      if (options.extract) {
        const result = await options.extract(file.path, mediaType);
        if (!result.ok) return { ok: false, error: `documentText.error.${result.reason}` };
        text = { state: 'extracted', partKind: result.partKind, parts: result.parts };
      } else {
        text = { state: 'none' };
      }
    }
    await keepFile(file.path, file.sha256, root);
    try {
      const { id } = createDocument(
        {
          values,
          source: {
            file: { hash: file.sha256, size: file.size, mediaType, fileName: file.name },
            text,
          },
        },
        who,
        db,
      );
      return { ok: true, id };
    } catch (error) {
      // The row was not written: the file just kept goes too, unless another row has the same.
      removeIfUnused(file.sha256, db, root);
      throw error;
    }
  } finally {
    await rm(file.path, { force: true });
  }
}
