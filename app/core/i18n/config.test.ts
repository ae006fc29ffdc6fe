import { expect, test } from 'vitest';

import {
  homeLangFor,
  langFromAcceptLanguage,
  langFromCookie,
  langFromPath,
  languageOfRouteId,
  localizePath,
  routeLanguageOfPath,
  stripLang,
} from './config';

test('the URL prefix alone names the language', () => {
  expect(langFromPath('/')).toBe('en');
  expect(langFromPath('/projects/clct')).toBe('en');
  expect(langFromPath('/zh/projects/clct')).toBe('zh');
  expect(langFromPath('/de/')).toBe('de');
  expect(langFromPath('/de')).toBe('de');
  expect(langFromPath('/zhx/projects')).toBe('en');
});

test('a path moves between languages without losing the page', () => {
  expect(stripLang('/zh/projects/clct')).toBe('/projects/clct');
  expect(stripLang('/de')).toBe('/');
  expect(stripLang('/de/')).toBe('/');
  expect(stripLang('/projects')).toBe('/projects');
  expect(localizePath('/projects', 'zh')).toBe('/zh/projects');
  expect(localizePath('/', 'de')).toBe('/de/');
  expect(localizePath('/projects', 'en')).toBe('/projects');
});

test('Accept-Language picks the best supported language by quality', () => {
  expect(langFromAcceptLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
  expect(langFromAcceptLanguage('fr-FR, de;q=0.7, en;q=0.5')).toBe('de');
  expect(langFromAcceptLanguage('en;q=0.4, de;q=0.9')).toBe('de');
  expect(langFromAcceptLanguage('fr, es')).toBeNull();
  expect(langFromAcceptLanguage('de;q=0, en')).toBe('en');
  expect(langFromAcceptLanguage(null)).toBeNull();
});

test('a remembered choice beats the browser; only a first visit asks Accept-Language', () => {
  expect(langFromCookie('a=1; hub_lang=de; b=2')).toBe('de');
  expect(langFromCookie('hub_lang=fr')).toBeNull();
  expect(homeLangFor(null, 'zh-CN')).toBe('zh');
  expect(homeLangFor('hub_lang=en', 'zh-CN')).toBe('en');
  expect(homeLangFor('hub_lang=de', 'zh-CN')).toBe('de');
  expect(homeLangFor(null, null)).toBe('en');
});

test("a path's first segment, as sent, places it among one language's routes", () => {
  expect(routeLanguageOfPath('/')).toBe('en');
  expect(routeLanguageOfPath('/projects/zh')).toBe('en');
  expect(routeLanguageOfPath('/_.data')).toBe('en');
  expect(routeLanguageOfPath('/zhx/projects')).toBe('en');
  expect(routeLanguageOfPath('/en/projects')).toBe('en');
  expect(routeLanguageOfPath('/zh')).toBe('zh');
  expect(routeLanguageOfPath('/zh/')).toBe('zh');
  expect(routeLanguageOfPath('/zh.data')).toBe('zh');
  expect(routeLanguageOfPath('/de/projects/clct.data')).toBe('de');
  // Spellings React Router's matching takes for a language are left to every route.
  expect(routeLanguageOfPath('/ZH/projects')).toBeNull();
  expect(routeLanguageOfPath('/De.data')).toBeNull();
  expect(routeLanguageOfPath('/%7Ah/projects')).toBeNull();
  expect(routeLanguageOfPath('/%E0%A4%A/projects')).toBeNull();
  expect(languageOfRouteId('zh/projects')).toBe('zh');
  expect(languageOfRouteId('en/home')).toBe('en');
  expect(languageOfRouteId('features/map/api-map')).toBeNull();
  expect(languageOfRouteId('root')).toBeNull();
});
