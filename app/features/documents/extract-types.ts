import type { DocumentMediaType, DocumentPartKind } from '../../../db/vocabulary';

// The contract between storing a document (upload) and reading its text (extraction): the upload
// asks extractDocumentText (extract.server.ts) for a stored temp file's text before it keeps the
// file; a failure fails that one upload with the reason's message, and nothing else.

/** One page (PDF), slide (PPTX) or block of paragraphs (DOCX) of text, numbered from 1. */
export interface DocumentPart {
  part: number;
  text: string;
}

/** Why a file's text could not be read, each with its own message (documentText.error.<reason>). */
export const EXTRACT_FAILURES = ['timeout', 'too-large', 'unreadable', 'encrypted'] as const;
export type ExtractFailure = (typeof EXTRACT_FAILURES)[number];

export type ExtractResult =
  | { ok: true; partKind: DocumentPartKind; parts: DocumentPart[] }
  | { ok: false; reason: ExtractFailure; detail?: string };

/** The media types whose text the hub reads and indexes (the others are stored as they are). */
export const EXTRACTABLE_MEDIA_TYPES: readonly DocumentMediaType[] = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
];
