import { expect, test } from 'vitest';

import {
  allowedMethods,
  bodyLimit,
  isStreamedUpload,
  maxDocumentBytes,
  maxFormBytes,
  maxUploadBytes,
  refuseMethod,
  routePath,
} from './request-rules.server';

const MULTIPART = 'multipart/form-data; boundary=x';

test('a page answers GET, HEAD and POST; APIs, exports, pack files, the language switch and the basemap only GET and HEAD', () => {
  for (const path of [
    '/',
    '/projects',
    '/zh/import',
    '/de/projects/clct/edit',
    '/_.data',
    '/reporting/2024-round/report',
  ]) {
    expect(allowedMethods(path)).toEqual(['GET', 'HEAD', 'POST']);
  }
  for (const path of [
    '/api/map',
    '/export/iati.xml',
    '/report.pptx',
    '/reporting/2024-round/report.docx',
    '/language',
    '/locator-basemap.svg',
  ]) {
    expect(allowedMethods(path)).toEqual(['GET', 'HEAD']);
  }
});

test('other methods are 405 with the path’s Allow; OPTIONS on the API is 204', () => {
  expect(refuseMethod('GET', '/projects')).toBeNull();
  expect(refuseMethod('post', '/login')).toBeNull();
  expect(refuseMethod('PROPFIND', '/')).toEqual({ status: 405, allow: 'GET, HEAD, POST' });
  expect(refuseMethod('POST', '/api/projects')).toEqual({ status: 405, allow: 'GET, HEAD' });
  expect(refuseMethod('OPTIONS', '/api/projects')).toEqual({
    status: 204,
    allow: 'GET, HEAD, OPTIONS',
  });
  expect(refuseMethod('OPTIONS', '/projects')).toEqual({ status: 405, allow: 'GET, HEAD, POST' });
});

test('a file sent to the upload page streams with the upload limit, also as React Router’s .data post; everything else has the form limit', () => {
  expect(routePath('/zh/import.data')).toBe('/zh/import');
  expect(routePath('/_.data')).toBe('/');
  expect(routePath('/zh/_.data')).toBe('/zh/');
  expect(routePath('/projects.data')).toBe('/projects');
  for (const path of ['/import', '/zh/import', '/de/import', '/import.data', '/de/import.data']) {
    expect(isStreamedUpload(path, MULTIPART)).toBe(true);
    expect(bodyLimit(path, MULTIPART)).toBe(maxUploadBytes());
  }
  // The upload page's other forms (apply, discard) are small: the form limit.
  expect(bodyLimit('/import', 'application/x-www-form-urlencoded')).toBe(maxFormBytes());
  for (const path of ['/login', '/projects/new', '/importer', '/api/import', '/x/import']) {
    expect(isStreamedUpload(path, MULTIPART)).toBe(false);
    expect(bodyLimit(path, MULTIPART)).toBe(maxFormBytes());
  }
  expect(maxFormBytes()).toBe(1024 * 1024);
  expect(maxUploadBytes()).toBe(100 * 1024 * 1024);
});

test('a new document streams with the document limit; a document’s file is read only', () => {
  for (const path of ['/documents/new', '/zh/documents/new', '/de/documents/new.data']) {
    expect(isStreamedUpload(path, MULTIPART)).toBe(true);
    expect(bodyLimit(path, MULTIPART)).toBe(maxDocumentBytes());
  }
  expect(bodyLimit('/documents/new', 'application/x-www-form-urlencoded')).toBe(maxFormBytes());
  expect(isStreamedUpload('/documents/3/edit', MULTIPART)).toBe(false);
  expect(maxDocumentBytes()).toBe(25 * 1024 * 1024);
  for (const path of ['/documents/3/file', '/zh/documents/3/file', '/documents/3/file.data']) {
    expect(allowedMethods(path)).toEqual(['GET', 'HEAD']);
  }
  expect(allowedMethods('/documents/3')).toEqual(['GET', 'HEAD', 'POST']);
});
