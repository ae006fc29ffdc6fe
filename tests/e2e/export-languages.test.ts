import Papa from 'papaparse';
import { expect, test } from 'vitest';

import { milestoneKindOfEvent } from '../../db/seed/derive-milestones';
import { readSeed, seededHub } from './support';

// The exports in Chinese and German name projects by their sourced title and link to that
// language's pages; the calendars leave out dates known only to a month or year unless asked
// (precision=all), and then put them on the first day of their period, saying so.
// Expected values come from the seed JSON.

interface SeedProject {
  id: string;
  title: string;
  titleZh: string | null;
  titleDe: string | null;
  startDate: string | null;
  endDate: string | null;
  topics?: unknown;
}
const SEED = readSeed<{
  projects: SeedProject[];
  events: { id: string; type: string; title: string; startDate: string | null }[];
}>('iki-china-projects.json');
const TOPICS = readSeed<{ topics: { slug: string; en: string; zh: string; de: string }[] }>(
  'topic-tags.json',
);

const hub = seededHub('2026-11-29');
const url = (path: string) => `${hub.server.url}${path}`;

async function csv(path: string): Promise<Record<string, string>[]> {
  const text = await (await fetch(url(path))).text();
  return Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
  }).data;
}

interface Entry {
  summary: string;
  start: string;
  end: string;
  url: string;
  description: string;
}

/** The VEVENTs of a feed: lines unfolded and TEXT values unescaped (RFC 5545). */
async function calendar(path: string): Promise<Entry[]> {
  const response = await fetch(url(path));
  expect(response.status, path).toBe(200);
  const text = (await response.text()).replace(/\r\n[ \t]/g, '');
  const unescape = (v: string) =>
    v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
  return text
    .split('BEGIN:VEVENT')
    .slice(1)
    .map((block) => {
      const prop = (name: string) =>
        unescape(new RegExp(`^${name}(?:;[^:]*)?:(.*)$`, 'm').exec(block)?.[1] ?? '');
      return {
        summary: prop('SUMMARY'),
        start: prop('DTSTART'),
        end: prop('DTEND'),
        url: prop('URL'),
        description: prop('DESCRIPTION'),
      };
    });
}

const nextDay = (yyyymmdd: string) => {
  const d = new Date(`${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6)}Z`);
  return new Date(d.getTime() + 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
};

const localTitle = (p: SeedProject, lang: 'en' | 'zh' | 'de') =>
  (lang === 'zh' ? p.titleZh : lang === 'de' ? p.titleDe : null) ?? p.title;

test('the CSV exports in zh and de name projects by their sourced title, with labels and links in the language', async () => {
  const byId = new Map(SEED.projects.map((p) => [p.id, p]));
  expect(SEED.projects.filter((p) => p.titleZh).length).toBeGreaterThan(0);
  for (const lang of ['zh', 'de'] as const) {
    const projects = await csv(`/export/projects.csv?lang=${lang}`);
    expect(projects.length).toBe(SEED.projects.length);
    for (const row of projects) {
      const seed = byId.get(row.slug!)!;
      expect(row.title_label, row.slug).toBe(localTitle(seed, lang));
      expect(row.title, row.slug).toBe(seed.title);
      expect(row.url).toBe(url(`/${lang}/projects/${row.slug}`));
      const topics = row.topics ? row.topics.split('; ') : [];
      const names = topics.map((s) => TOPICS.topics.find((t) => t.slug === s)![lang]);
      expect(row.topics_label ?? '', row.slug).toBe(names.join('; '));
    }
    expect(projects.some((r) => r.topics)).toBe(true);
    const milestones = await csv(`/export/milestones.csv?lang=${lang}`);
    expect(milestones.length).toBeGreaterThan(0);
    for (const row of milestones) {
      expect(row.project_title_label).toBe(localTitle(byId.get(row.project!)!, lang));
    }
  }
  const zhProjects = await csv('/export/projects.csv?lang=zh');
  const withChinese = zhProjects.filter((r) => byId.get(r.slug!)!.titleZh);
  expect(withChinese.every((r) => r.title_label !== r.title)).toBe(true);
});

test('the calendars in zh and de name projects by their sourced title and link to that language’s pages', async () => {
  for (const lang of ['zh', 'de'] as const) {
    const milestones = await calendar(`/export/milestones.ics?lang=${lang}&precision=all`);
    expect(milestones.length).toBeGreaterThan(0);
    for (const m of milestones) {
      const slug = /\/projects\/([^#]+)#milestone-/.exec(m.url)?.[1];
      expect(m.url, m.summary).toMatch(new RegExp(`^${url(`/${lang}/projects/`)}`));
      const seed = SEED.projects.find((p) => p.id === slug)!;
      expect(m.summary).toContain(` — ${localTitle(seed, lang)}`);
    }
    const events = await calendar(`/export/events.ics?lang=${lang}`);
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(e.url).toMatch(new RegExp(`^${url(`/${lang}/events/`)}`));
  }
  // Chinese titles really appear: every project with one names its milestones with it.
  const zh = await calendar('/export/milestones.ics?lang=zh&precision=all');
  for (const p of SEED.projects.filter((x) => x.titleZh && x.startDate)) {
    expect(
      zh.some((m) => m.summary.includes(p.titleZh!)),
      p.id,
    ).toBe(true);
  }
});

test('milestones known only to a month or year: left out by default, one day with precision=all', async () => {
  const imprecise = (d: string | null) => d !== null && (d.length === 4 || d.length === 7);
  const expectedImprecise =
    SEED.projects.flatMap((p) => [p.startDate, p.endDate]).filter(imprecise).length +
    SEED.events.filter((e) => milestoneKindOfEvent(e) && imprecise(e.startDate)).length;
  expect(expectedImprecise).toBeGreaterThan(0);
  const plain = await calendar('/export/milestones.ics');
  const all = await calendar('/export/milestones.ics?precision=all');
  expect(all.length - plain.length).toBe(expectedImprecise);
  // Every entry is one day long: nothing fills a month or a year.
  for (const e of [...plain, ...all]) expect(e.end, e.summary).toBe(nextDay(e.start));
  for (const e of plain) expect(e.summary).not.toMatch(/\((due|achieved) in /);
  const added = all.filter((e) => /\((due|achieved) in /.test(e.summary));
  expect(added).toHaveLength(expectedImprecise);
  for (const e of added) {
    // The first day of its period, and the period named in the summary and the description.
    expect(e.start, e.summary).toMatch(/^\d{4}(01|\d\d)01$/);
    expect(e.summary).toMatch(/\((due|achieved) in ([A-Z][a-z]+ )?\d{4}\)$/);
    expect(e.description).toMatch(/The source gives only the (month|year): /);
    if (/in \d{4}\)$/.test(e.summary)) expect(e.start.slice(4)).toBe('0101');
  }
  const de = await calendar('/export/milestones.ics?lang=de&precision=all');
  expect(de.filter((e) => /\((fällig|erreicht) im /.test(e.summary))).toHaveLength(
    expectedImprecise,
  );
  const bad = await fetch(url('/export/milestones.ics?precision=month'));
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { error: string }).error).toBe(
    'precision must be one of day, all; “month” is not',
  );
});

test('events known only to a month: left out by default, one day saying so with precision=all', async () => {
  const dated = SEED.events.filter((e) => e.startDate);
  const monthOnly = dated.filter((e) => e.startDate!.length < 10);
  expect(monthOnly.length).toBeGreaterThan(0);
  const plain = await calendar('/export/events.ics');
  expect(plain).toHaveLength(dated.length - monthOnly.length);
  const all = await calendar('/export/events.ics?precision=all');
  expect(all).toHaveLength(dated.length);
  for (const e of monthOnly) {
    const entry = all.find((x) => x.url.endsWith(`/events/${e.id}`))!;
    expect(entry.start).toBe(`${e.startDate!.slice(0, 7).replace('-', '')}01`);
    expect(entry.end).toBe(nextDay(entry.start));
    expect(entry.summary).toMatch(/\([A-Z][a-z]+ \d{4}\)$/);
    expect(entry.description).toContain('The source gives only the month');
  }
});

test('a page’s calendar links ask for its language, and one asks for the months and years too', async () => {
  for (const lang of ['zh', 'de'] as const) {
    const html = await (await fetch(url(`/${lang}/projects`))).text();
    const hrefs = [...html.matchAll(/href="(\/export\/[^"]+\.ics[^"]*)"/g)].map((m) =>
      m[1]!.replaceAll('&amp;', '&'),
    );
    expect(hrefs, lang).toHaveLength(3);
    for (const href of hrefs) expect(new URL(href, url('/')).searchParams.get('lang')).toBe(lang);
    const all = hrefs.find((h) => h.includes('precision=all'))!;
    expect(all).toContain('/export/milestones.ics');
    // Followed, it holds more than the default feed: the milestones known to a month or a year.
    const plain = hrefs.find((h) => h.includes('milestones.ics') && h !== all)!;
    expect((await calendar(all)).length).toBeGreaterThan((await calendar(plain)).length);
    const events = await calendar(hrefs.find((h) => h.includes('events.ics'))!);
    for (const e of events) expect(e.url).toMatch(new RegExp(`^${url(`/${lang}/events/`)}`));
  }
});
