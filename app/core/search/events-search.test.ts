import { readFileSync } from 'node:fs';

import { beforeAll, expect, test } from 'vitest';

import type { Db } from '../../../db/client.server';
import { countries } from '../../../db/schema';
import { seedPortfolio } from '../../../db/seed/load';
import { createTestDb } from '../../../db/test-factories';
import { searchPortfolio } from './search.server';

// The real portfolio, seeded; the expected events are read from the seed JSON, not the engine.
interface RawEvent {
  id: string;
  title: string;
  description: string | null;
  projectIds: string[];
}
const raw = JSON.parse(
  readFileSync(new URL('../../../db/seed/iki-china-projects.json', import.meta.url), 'utf8'),
) as { events: RawEvent[]; projects: { id: string; title: string }[] };

/** The events about transport: by their own English words, or as events of a transport project. */
const TRANSPORT_PROJECTS = new Set(
  raw.projects.filter((p) => /transport/i.test(p.title)).map((p) => p.id),
);
const TRANSPORT_EVENTS = raw.events
  .filter(
    (e) =>
      /transport|mobility/i.test(`${e.title} ${e.description ?? ''}`) ||
      e.projectIds.some((id) => TRANSPORT_PROJECTS.has(id)),
  )
  .map((e) => e.id);

let db: Db;
beforeAll(() => {
  db = createTestDb();
  db.delete(countries).run();
  seedPortfolio(db);
});

const eventSlugs = (q: string) =>
  searchPortfolio(q, 200, db)
    .filter((r) => r.type === 'event')
    .map((r) => r.slug);

test('the real portfolio has transport events to find', () => {
  expect(TRANSPORT_EVENTS.length).toBeGreaterThan(0);
});

test('交通 finds the transport events by their Chinese titles', () => {
  expect(eventSlugs('交通')).toEqual(expect.arrayContaining(TRANSPORT_EVENTS));
});

test('Verkehr finds the transport events by their German titles', () => {
  expect(eventSlugs('Verkehr')).toEqual(expect.arrayContaining(TRANSPORT_EVENTS));
});

test('an event is found by its localised type in Chinese and German', () => {
  const studyTours = raw.events.filter((e) => e.title.startsWith('Study tour')).map((e) => e.id);
  expect(studyTours.length).toBeGreaterThan(0);
  expect(eventSlugs('考察')).toEqual(expect.arrayContaining(studyTours));
  expect(eventSlugs('Studienreise')).toEqual(expect.arrayContaining(studyTours));
});

test('a search result for an event says its title is the hub’s translation', () => {
  const [first] = searchPortfolio('Verkehr', 200, db).filter((r) => r.type === 'event');
  expect(first?.isTitleTranslated).toBe(true);
  expect(first?.titleDe).toBeTruthy();
});
