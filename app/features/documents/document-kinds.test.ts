import { expect, test } from 'vitest';

import { attachmentHeader, documentKind, downloadName } from './document-kinds';

test('a download is named as uploaded, with the extension of its content, without paths or quotes', () => {
  const png = { title: 'Photos', mediaType: 'image/png' };
  expect(downloadName({ ...png, fileName: '项目照片.pdf' })).toBe('项目照片.png');
  expect(downloadName({ ...png, fileName: '..\\..\\etc/"passwd".png' })).toBe('passwd.png');
  expect(downloadName({ ...png, fileName: 'a\u0000b\u001fc' })).toBe('abc.png');
  expect(downloadName({ ...png, fileName: null })).toBe('Photos.png');
  expect(downloadName({ ...png, fileName: '   ' })).toBe('Photos.png');
  expect(downloadName({ ...png, title: '', fileName: '' })).toBe('document.png');
});

test('the attachment header has an ASCII fallback and the exact UTF-8 name', () => {
  expect(attachmentHeader('报告 2026 (final).pdf')).toBe(
    `attachment; filename="__ 2026 (final).pdf"; filename*=UTF-8''%E6%8A%A5%E5%91%8A%202026%20%28final%29.pdf`,
  );
  expect(attachmentHeader('a"b;c%.pdf')).toBe(
    `attachment; filename="a_b_c_.pdf"; filename*=UTF-8''a%22b%3Bc%25.pdf`,
  );
});

test('a document is a link unless it is an upload, and an upload is known by its media type', () => {
  expect(documentKind({ origin: 'link', mediaType: 'application/pdf' })).toBe('link');
  expect(documentKind({ origin: 'iati', mediaType: null })).toBe('link');
  expect(documentKind({ origin: 'upload', mediaType: 'application/pdf' })).toBe('pdf');
  expect(documentKind({ origin: 'upload', mediaType: 'image/webp' })).toBe('image');
  expect(
    documentKind({
      origin: 'upload',
      mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    }),
  ).toBe('powerpoint');
});
