import { expect, test } from 'vitest';

import { documentKind, downloadName } from './document-kinds';

test('a download is named as uploaded, with the extension of its content, without paths or quotes', () => {
  const png = { title: 'Photos', mediaType: 'image/png' };
  expect(downloadName({ ...png, fileName: '项目照片.pdf' })).toBe('项目照片.png');
  expect(downloadName({ ...png, fileName: '..\\..\\etc/"passwd".png' })).toBe('passwd.png');
  expect(downloadName({ ...png, fileName: 'a\u0000b\u001fc' })).toBe('abc.png');
  expect(downloadName({ ...png, fileName: null })).toBe('Photos.png');
  expect(downloadName({ ...png, fileName: '   ' })).toBe('Photos.png');
  expect(downloadName({ ...png, title: '', fileName: '' })).toBe('document.png');
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
