import { DOCUMENT_MEDIA_TYPES, type DocumentMediaType } from '../../../db/vocabulary';

// The kinds of document a reader tells apart (and filters by): a PDF, a Word, PowerPoint or Excel
// file, an image, or a link to a document elsewhere.

export const DOCUMENT_KINDS = ['pdf', 'word', 'powerpoint', 'excel', 'image', 'link'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** The media types of each kind of stored file (a link has none of its own). */
export const MEDIA_TYPES_OF_KIND: Record<Exclude<DocumentKind, 'link'>, DocumentMediaType[]> = {
  pdf: ['application/pdf'],
  word: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  powerpoint: ['application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  excel: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  image: ['image/png', 'image/jpeg', 'image/gif', 'image/webp'],
};

/** A document's kind: a link, or its stored file's by media type. */
export function documentKind(document: { origin: string; mediaType: string | null }): DocumentKind {
  if (document.origin !== 'upload') return 'link';
  for (const [kind, types] of Object.entries(MEDIA_TYPES_OF_KIND)) {
    if ((types as string[]).includes(document.mediaType ?? '')) return kind as DocumentKind;
  }
  return 'link';
}

/** The languages a document can be said to be in (ISO 639-1); none chosen means not stated. */
export const DOCUMENT_LANGUAGES = ['en', 'zh', 'de', 'fr', 'es'] as const;

/** The name a download suggests: the uploaded name, with the extension its content has. */
export function downloadName(document: {
  title: string;
  fileName: string | null;
  mediaType: string | null;
}): string {
  const extension = DOCUMENT_MEDIA_TYPES[document.mediaType as DocumentMediaType] ?? 'bin';
  const clean = (name: string | null) =>
    (name ?? '')
      // No path, no control characters, no quotes: only a name.
      .replace(/^.*[\\/]/, '')
      .split('')
      .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && c !== '"')
      .join('')
      .replace(/\.[A-Za-z0-9]{1,5}$/, '')
      .trim()
      .slice(0, 150);
  return `${clean(document.fileName) || clean(document.title) || 'document'}.${extension}`;
}
