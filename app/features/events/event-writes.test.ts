import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';

import type { EventValues } from './event-forms';
import { type Db, openDatabase } from '../../../db/client.server';
import {
  auditLog,
  eventPlaces,
  eventProjects,
  eventSources,
  events,
  milestones,
  places,
  sources,
} from '../../../db/schema';
import { createTestDb, insertEvent, insertProject } from '../../../db/test-factories';
import {
  createEvent,
  deleteEvent,
  describeEventReferences,
  getEventForEdit,
  updateEvent,
} from './event-writes.server';
import { getEventFilterOptions, listEvents } from './events.server';
import { searchPortfolio } from '../../core/search/search.server';

const who = (minute: number, sourceUrl: string | null = null) => ({
  at: `2026-06-15T10:${String(minute).padStart(2, '0')}:00.000Z`,
  actor: { id: null, name: 'Test editor' },
  sourceUrl,
});

const values = (overrides: Partial<EventValues> = {}): EventValues => ({
  title: 'Interface Workshop 2024',
  titleZh: null,
  titleDe: null,
  titleTranslatedBy: null,
  type: 'workshop',
  startDate: '2024-08-28',
  startPrecision: 'day',
  endDate: '2024-08-29',
  endPrecision: 'day',
  dateText: null,
  isDateVerified: true,
  city: 'Beijing',
  provinceCode: null,
  format: null,
  description: 'Exchange among IKI projects.',
  participants: null,
  organisers: ['GIZ'],
  projects: [],
  ...overrides,
});

const auditOf = (db: Db, entity: 'event' | 'milestone', id: number) =>
  db
    .select()
    .from(auditLog)
    .all()
    .filter((e) => e.entity === entity && e.entityId === id);

const linkedProjects = (db: Db, eventId: number) =>
  db
    .select({ projectId: eventProjects.projectId })
    .from(eventProjects)
    .where(eq(eventProjects.eventId, eventId))
    .all()
    .map((l) => l.projectId)
    .sort((a, b) => a - b);

test('creating an event stores it with its projects and source, and audits every field it sets', () => {
  const db = createTestDb();
  const ets = insertProject(db, { slug: 'ets' });
  const ndc = insertProject(db, { slug: 'ndc' });
  const url = 'https://example.org/workshop-2024';
  const created = createEvent(
    'interface-2024',
    values({ projects: ['ndc', 'ets'] }),
    who(1, url),
    db,
  );
  const event = getEventForEdit('interface-2024', db)!;
  expect(event).toMatchObject({ id: created.id, version: 1, title: 'Interface Workshop 2024' });
  expect(event.projects).toEqual(['ets', 'ndc']);
  expect(linkedProjects(db, created.id)).toEqual([ets.id, ndc.id].sort((a, b) => a - b));
  const source = db.select().from(sources).where(eq(sources.url, url)).get()!;
  expect(db.select().from(events).where(eq(events.id, created.id)).get()!.sourceId).toBe(source.id);
  expect(db.select().from(eventSources).all()).toEqual([
    { eventId: created.id, sourceId: source.id },
  ]);
  const [entry, ...more] = auditOf(db, 'event', created.id);
  expect(more).toEqual([]);
  expect(entry).toMatchObject({
    action: 'create',
    label: 'Interface Workshop 2024',
    sourceUrl: url,
  });
  expect(entry!.projectId).toBeNull();
  expect(entry!.changes).toEqual({
    slug: { from: null, to: 'interface-2024' },
    title: { from: null, to: 'Interface Workshop 2024' },
    type: { from: null, to: 'workshop' },
    startDate: { from: null, to: '2024-08-28' },
    startPrecision: { from: null, to: 'day' },
    endDate: { from: null, to: '2024-08-29' },
    endPrecision: { from: null, to: 'day' },
    isDateVerified: { from: null, to: true },
    city: { from: null, to: 'Beijing' },
    description: { from: null, to: 'Exchange among IKI projects.' },
    organisers: { from: null, to: ['GIZ'] },
    projects: { from: null, to: ['ets', 'ndc'] },
  });
});

test('an update audits only the fields it changes, with the project links before and after', () => {
  const db = createTestDb();
  const ets = insertProject(db, { slug: 'ets' });
  const sgep = insertProject(db, { slug: 'sgep' });
  const { id } = createEvent('ws', values({ projects: ['ets'] }), who(1), db);
  const outcome = updateEvent(
    id,
    1,
    values({ title: 'Interface Workshop', projects: ['sgep'] }),
    who(2),
    db,
  );
  expect(outcome).toEqual({ ok: true, id, version: 2, changed: true });
  expect(linkedProjects(db, id)).toEqual([sgep.id]);
  expect(linkedProjects(db, id)).not.toContain(ets.id);
  const update = auditOf(db, 'event', id).find((e) => e.action === 'update')!;
  expect(update.changes).toEqual({
    title: { from: 'Interface Workshop 2024', to: 'Interface Workshop' },
    projects: { from: ['ets'], to: ['sgep'] },
  });
  // Saving the same values again changes nothing and writes nothing.
  expect(
    updateEvent(id, 2, values({ title: 'Interface Workshop', projects: ['sgep'] }), who(3), db),
  ).toEqual({ ok: true, id, version: 2, changed: false });
  expect(auditOf(db, 'event', id)).toHaveLength(2);
});

test('a new date clears the mark that the hub inferred the year, and the history says so', () => {
  const db = createTestDb();
  const event = insertEvent(db, {
    startDate: '2019',
    startPrecision: 'year',
    isYearInferred: true,
  });
  const outcome = updateEvent(
    event.id,
    1,
    values({
      title: event.title,
      startDate: '2019-05',
      startPrecision: 'month',
      endDate: null,
      endPrecision: null,
    }),
    who(1),
    db,
  );
  expect(outcome.ok).toBe(true);
  expect(db.select().from(events).where(eq(events.id, event.id)).get()!.isYearInferred).toBe(false);
  expect(auditOf(db, 'event', event.id)[0]!.changes).toMatchObject({
    startDate: { from: '2019', to: '2019-05' },
    isYearInferred: { from: true, to: false },
  });
});

test('two people saving the same version: the second is refused and nothing of it is written', () => {
  const db = createTestDb();
  insertProject(db, { slug: 'ets' });
  insertProject(db, { slug: 'ndc' });
  const { id } = createEvent('ws', values(), who(1), db);
  // A second connection to the same file, as a second server process would have.
  const other = openDatabase(db.$client.name);
  const first = updateEvent(id, 1, values({ city: 'Nanjing', projects: ['ets'] }), who(2), db);
  const second = updateEvent(id, 1, values({ city: 'Shanghai', projects: ['ndc'] }), who(3), other);
  expect(first).toMatchObject({ ok: true, version: 2 });
  expect(second).toMatchObject({
    ok: false,
    reason: 'stale',
    current: { version: 2, city: 'Nanjing', projects: ['ets'] },
  });
  expect(getEventForEdit('ws', other)).toMatchObject({ city: 'Nanjing', projects: ['ets'] });
  expect(auditOf(db, 'event', id).map((e) => e.action)).toEqual(['create', 'update']);
  other.$client.close();
});

test('deleting an event does what its description said: links go, citing milestones lose it', () => {
  const db = createTestDb();
  const ets = insertProject(db, { slug: 'ets', title: 'ETS' });
  const { id } = createEvent('ws', values({ projects: ['ets'] }), who(1, 'https://a.org/x'), db);
  const place = db
    .insert(places)
    .values({ slug: 'beijing', nameEn: 'Beijing', countryCode: 'CN' })
    .returning()
    .get();
  db.insert(eventPlaces).values({ eventId: id, placeId: place.id }).run();
  const milestone = db
    .insert(milestones)
    .values({ projectId: ets.id, title: 'Kick-off', kind: 'kick-off', eventId: id })
    .returning()
    .get();

  expect(describeEventReferences(id, db)).toEqual({
    projects: [{ slug: 'ets', title: 'ETS' }],
    milestones: 1,
  });
  expect(deleteEvent(id, 2, who(2), db)).toMatchObject({ ok: false, reason: 'stale' });
  expect(deleteEvent(id, 1, who(3), db)).toEqual({ ok: true, id, version: 1, changed: true });

  expect(getEventForEdit('ws', db)).toBeUndefined();
  expect(db.select().from(eventProjects).all()).toEqual([]);
  expect(db.select().from(eventPlaces).all()).toEqual([]);
  expect(db.select().from(eventSources).all()).toEqual([]);
  const kept = db.select().from(milestones).where(eq(milestones.id, milestone.id)).get()!;
  expect(kept).toMatchObject({ eventId: null, version: 2 });
  expect(auditOf(db, 'milestone', milestone.id)).toMatchObject([
    { action: 'update', projectId: ets.id, changes: { eventId: { from: id, to: null } } },
  ]);
  const deleted = auditOf(db, 'event', id).find((e) => e.action === 'delete')!;
  expect(deleted.changes).toMatchObject({
    title: { from: 'Interface Workshop 2024', to: null },
    projects: { from: ['ets'], to: [] },
    milestones: { from: 1, to: 0 },
  });
  expect(searchPortfolio('Interface Workshop', 10, db)).toEqual([]);
});

test('a delete that fails halfway leaves everything as it was', () => {
  const db = createTestDb();
  const ets = insertProject(db, { slug: 'ets' });
  const { id } = createEvent('ws', values({ projects: ['ets'] }), who(1), db);
  const milestone = db
    .insert(milestones)
    .values({ projectId: ets.id, title: 'Kick-off', kind: 'kick-off', eventId: id })
    .returning()
    .get();
  // The last step, removing the event row, is refused by the database.
  db.$client.exec(`CREATE TEMP TRIGGER refuse BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'refused'); END`);
  expect(() => deleteEvent(id, 1, who(2), db)).toThrow('refused');
  expect(getEventForEdit('ws', db)).toMatchObject({ version: 1, projects: ['ets'] });
  expect(db.select().from(milestones).where(eq(milestones.id, milestone.id)).get()).toMatchObject({
    eventId: id,
    version: 1,
  });
  expect(auditOf(db, 'event', id).map((e) => e.action)).toEqual(['create']);
  expect(auditOf(db, 'milestone', milestone.id)).toEqual([]);
});

test('the search finds an event under its new title once it is saved', () => {
  const db = createTestDb();
  const { id } = createEvent('ws', values(), who(1), db);
  expect(searchPortfolio('Interface Workshop', 10, db).map((r) => r.slug)).toEqual(['ws']);
  updateEvent(id, 1, values({ title: 'Low-carbon Cities Forum' }), who(2), db);
  expect(searchPortfolio('Low-carbon Cities Forum', 10, db).map((r) => r.slug)).toEqual(['ws']);
});

test('an edited title translation is versioned, in the history, and found by the search', () => {
  const db = createTestDb();
  const { id } = createEvent('ws', values(), who(1), db);
  expect(searchPortfolio('对接', 10, db)).toEqual([]);
  const translated = values({
    titleZh: '对接研讨会',
    titleDe: 'Schnittstellen-Workshop',
    titleTranslatedBy: 'hub',
  });
  expect(updateEvent(id, 1, translated, who(2), db)).toMatchObject({ ok: true, version: 2 });
  const update = auditOf(db, 'event', id).find((e) => e.action === 'update')!;
  expect(update.changes).toEqual({
    titleZh: { from: null, to: '对接研讨会' },
    titleDe: { from: null, to: 'Schnittstellen-Workshop' },
    titleTranslatedBy: { from: null, to: 'hub' },
  });
  expect(searchPortfolio('对接', 10, db).map((r) => r.slug)).toEqual(['ws']);
  expect(searchPortfolio('Schnittstellen', 10, db).map((r) => r.slug)).toEqual(['ws']);
  // A stale copy of the form (version 1) is refused and its translation is not written.
  expect(updateEvent(id, 1, values({ titleZh: '别的' }), who(3), db)).toMatchObject({ ok: false });
  expect(getEventForEdit('ws', db)?.titleZh).toBe('对接研讨会');
});

test('the event list and its filter options, remembered between reads, show every save and delete', () => {
  const db = createTestDb();
  const { id } = createEvent('ws', values(), who(1), db);
  expect(listEvents({}, db).map((e) => e.title)).toEqual(['Interface Workshop 2024']);
  expect(getEventFilterOptions(db).types).toEqual(['workshop']);
  // Read twice: the second answer is the remembered one, and it must still be current after this.
  expect(listEvents({ type: 'workshop' }, db)).toHaveLength(1);
  updateEvent(id, 1, values({ title: 'Low-carbon Cities Forum', type: 'conference' }), who(2), db);
  expect(listEvents({}, db).map((e) => e.title)).toEqual(['Low-carbon Cities Forum']);
  expect(listEvents({ type: 'workshop' }, db)).toEqual([]);
  expect(getEventFilterOptions(db).types).toEqual(['conference']);
  createEvent('forum-2025', values({ title: 'Forum 2025', startDate: '2025-03-01' }), who(3), db);
  expect(listEvents({}, db).map((e) => e.slug)).toEqual(['forum-2025', 'ws']);
  deleteEvent(id, 2, who(4), db);
  expect(listEvents({}, db).map((e) => e.slug)).toEqual(['forum-2025']);
});
