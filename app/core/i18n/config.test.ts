import { expect, test } from 'vitest';

import {
  homeLangFor,
  langFromAcceptLanguage,
  langFromCookie,
  langFromPath,
  languageOfRouteId,
  localizePath,
  routePlaceOfPath,
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

test("a path's first segments, as sent, place it among one language's section of routes", () => {
  const place = (lang: string, section: string) => ({ lang, section });
  expect(routePlaceOfPath('/')).toEqual(place('en', ''));
  expect(routePlaceOfPath('/_.data')).toEqual(place('en', ''));
  expect(routePlaceOfPath('/projects/zh')).toEqual(place('en', 'projects'));
  expect(routePlaceOfPath('/projects.data')).toEqual(place('en', 'projects'));
  expect(routePlaceOfPath('/zhx/projects')).toEqual(place('en', 'zhx'));
  expect(routePlaceOfPath('/en/projects')).toEqual(place('en', 'en'));
  expect(routePlaceOfPath('/report.pptx')).toEqual(place('en', 'report.pptx'));
  expect(routePlaceOfPath('/zh')).toEqual(place('zh', ''));
  expect(routePlaceOfPath('/zh/')).toEqual(place('zh', ''));
  expect(routePlaceOfPath('/zh.data')).toEqual(place('zh', ''));
  expect(routePlaceOfPath('/zh/_.data')).toEqual(place('zh', ''));
  expect(routePlaceOfPath('/zh.data/x')).toEqual(place('en', 'zh.data'));
  expect(routePlaceOfPath('/de/projects/clct.data')).toEqual(place('de', 'projects'));
  expect(routePlaceOfPath('/de/login.data')).toEqual(place('de', 'login'));
  // Spellings React Router's matching reads differently are left to every route.
  expect(routePlaceOfPath('/ZH/projects')).toBeNull();
  expect(routePlaceOfPath('/De.data')).toBeNull();
  expect(routePlaceOfPath('/%7Ah/projects')).toBeNull();
  expect(routePlaceOfPath('/%E0%A4%A/projects')).toBeNull();
  expect(routePlaceOfPath('/Projects')).toBeNull();
  expect(routePlaceOfPath('/zh/%70rojects')).toBeNull();
  expect(routePlaceOfPath('//projects')).toBeNull();
  expect(routePlaceOfPath('/zh//projects')).toBeNull();
  expect(languageOfRouteId('zh/projects')).toBe('zh');
  expect(languageOfRouteId('en/home')).toBe('en');
  expect(languageOfRouteId('features/map/api-map')).toBeNull();
  expect(languageOfRouteId('root')).toBeNull();
});
