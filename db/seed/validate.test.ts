import { expect, test } from 'vitest';

import { type SeedFiles, SeedValidationError, readSeedFiles, validateSeed } from './validate';

type Mutable = Record<string, Record<string, unknown>[]>;

function problemsOf(mutate: (files: Record<keyof SeedFiles, Mutable>) => void): string[] {
  const files = structuredClone(readSeedFiles()) as Record<keyof SeedFiles, Mutable>;
  mutate(files);
  try {
    validateSeed(files);
  } catch (error) {
    expect(error).toBeInstanceOf(SeedValidationError);
    return (error as SeedValidationError).problems;
  }
  return [];
}

test('the seed files as they are pass', () => {
  expect(problemsOf(() => {})).toEqual([]);
});

test('every broken cross-reference is named, in every file, before failing', () => {
  const problems = problemsOf((f) => {
    const d = f.dataset;
    d.projects![1]!.id = d.projects![0]!.id;
    d.places![0]!.country = 'XXX';
    d.organisations![0]!.country = 'Mordor';
    f.history.successions!.push({
      from: 'nobody',
      to: d.organisations![0]!.id,
      year: 2000,
      note: 'n',
    });
    f.summaryTranslations.translations!.push({
      ...f.summaryTranslations.translations![0]!,
      projectId: 'ghost',
    });
    f.topicTags.tags!.push({ projectId: d.projects![0]!.id, topic: 'nothing', reason: 'r' });
  });
  const id = (collection: string, index: number) =>
    `(id "${(readSeedFiles().dataset as Mutable)[collection]![index]!.id as string}")`;
  expect(problems).toEqual(
    expect.arrayContaining([
      `iki-china-projects.json: projects[1] ${id('projects', 0)}, field id: duplicate`,
      `iki-china-projects.json: places[0] ${id('places', 0)}, field country: unknown country "XXX"`,
      `iki-china-projects.json: organisations[0] ${id('organisations', 0)}, field country: unknown country "Mordor"`,
      expect.stringMatching(
        /^organisation-history\.json: successions\[\d+\]: unknown organisation "nobody"$/,
      ),
      expect.stringMatching(
        /^summary-translations\.json: translations\[\d+\], field projectId: unknown project "ghost"$/,
      ),
      expect.stringMatching(
        /^topic-tags\.json: tags\[\d+\], field topic: unknown topic "nothing"$/,
      ),
    ]),
  );
});

test('a file of the wrong shape is named with the record and field', () => {
  const problems = problemsOf((f) => {
    f.dataset.projects![0]!.title = 5;
    (f as Record<string, unknown>).topicTags = null;
  });
  expect(problems).toContainEqual(
    expect.stringMatching(/^iki-china-projects\.json: projects\[0\] \(id "[^"]+"\), field title: /),
  );
  expect(problems).toContainEqual(expect.stringMatching(/^topic-tags\.json: \(file\): /));
});

test('an event title translation for an event the data set does not have is named', () => {
  const problems = problemsOf((f) => {
    const first = f.eventTitleTranslations.translations![0]!;
    f.eventTitleTranslations.translations!.push({ ...first, eventId: 'no-such-event' });
    f.eventTitleTranslations.translations!.push({ ...first });
  });
  const firstId = (readSeedFiles().eventTitleTranslations as Mutable).translations![0]!.eventId;
  expect(problems).toEqual(
    expect.arrayContaining([
      expect.stringMatching(
        /^event-title-translations\.json: translations\[\d+\], field eventId: unknown event "no-such-event"$/,
      ),
      expect.stringMatching(
        new RegExp(
          `^event-title-translations\\.json: translations\\[\\d+\\] \\(id "${firstId as string}"\\), field eventId: duplicate$`,
        ),
      ),
    ]),
  );
});

test('every event of the data set has its title translated into Chinese and German', () => {
  const files = readSeedFiles() as Record<keyof SeedFiles, Mutable>;
  const translated = files.eventTitleTranslations.translations!.map((t) => t.eventId);
  expect(new Set(translated)).toEqual(new Set(files.dataset.events!.map((e) => e.id)));
});

test('a session naming an unknown event, topic, source or organisation, or repeated, is named', () => {
  const problems = problemsOf((f) => {
    const sessions = f.eventSessions.sessions!;
    const first = sessions[0]!;
    sessions.push({ ...first });
    sessions.push({
      ...first,
      id: 'ghost-session',
      eventId: 'no-such-event',
      topic: 'no-such-topic',
      source: 'no-such-source',
      title: 'Another',
      organisationIds: ['nobody'],
    });
  });
  expect(problems).toEqual(
    expect.arrayContaining([
      expect.stringMatching(
        /^event-sessions\.json: sessions\[\d+\] \(id "[^"]+"\), field id: duplicate$/,
      ),
      expect.stringMatching(
        /^event-sessions\.json: sessions\[\d+\] \(id "[^"]+"\), field eventId\+title: duplicate$/,
      ),
      'event-sessions.json: sessions[6] (id "ghost-session"), field eventId: unknown event "no-such-event"',
      'event-sessions.json: sessions[6] (id "ghost-session"), field topic: unknown topic "no-such-topic"',
      'event-sessions.json: sessions[6] (id "ghost-session"), field source: unknown source "no-such-source"',
      'event-sessions.json: sessions[6] (id "ghost-session"), field organisationIds: unknown organisation "nobody"',
    ]),
  );
});
