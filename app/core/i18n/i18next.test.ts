import { expect, test } from 'vitest';

import { RouterContextProvider } from 'react-router';

import { en } from './locales/en';
import { zh } from './locales/zh';
import { i18nextMiddleware, languageInstance, requestInstance } from './i18next.server';

/** Runs the middleware for a URL and returns the instance it left in the request's context. */
async function instanceFor(url: string) {
  const context = new RouterContextProvider();
  const request = new Request(url);
  await i18nextMiddleware(
    { request, context, params: {}, url: new URL(url), unstable_pattern: '' } as never,
    async () => new Response(),
  );
  return requestInstance(context, url);
}

test('every request in a language shares one i18next instance in that language', async () => {
  const first = await instanceFor('http://hub.example/zh/projects');
  const second = await instanceFor('http://hub.example/zh/timeline?page=2');
  expect(second).toBe(first);
  expect(first.language).toBe('zh');
  expect(first.getFixedT(null, 'translation')('site.name')).toBe(zh.site.name);
  const english = await instanceFor('http://hub.example/projects');
  expect(english).not.toBe(first);
  expect(english).toBe(languageInstance('en'));
  expect(english.getFixedT(null, 'translation')('site.name')).toBe(en.site.name);
  // Still Chinese after English was asked for: nothing switches a shared instance's language.
  expect(first.getFixedT(null, 'translation')('site.name')).toBe(zh.site.name);
});

test('where the middleware never ran, the URL names the instance', () => {
  const context = new RouterContextProvider();
  expect(requestInstance(context, 'http://hub.example/de/events')).toBe(languageInstance('de'));
});
