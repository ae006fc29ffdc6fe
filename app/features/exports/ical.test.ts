import { readFileSync } from 'node:fs';

import { type DateArray, type EventAttributes, createEvents } from 'ics';
import { expect, test } from 'vitest';

import { type CalendarEntry, calendarText, escapeText, foldLine } from './ical';

interface SeedProject {
  id: string;
  title: string;
  titleZh: string | null;
  summary: string;
}
const SEED = JSON.parse(
  readFileSync(new URL('../../../db/seed/iki-china-projects.json', import.meta.url), 'utf8'),
) as { projects: SeedProject[] };

const OPTIONS = {
  productId: 'iki-china-hub',
  name: 'IKI China portfolio hub',
  generatedAt: '2026-11-29T08:05:03.120Z',
};

/** Entries of every shape the feeds write: the real titles (English and Chinese) and the edges. */
function sampleEntries(): CalendarEntry[] {
  const entries: CalendarEntry[] = SEED.projects.flatMap((p, i) => [
    {
      uid: `milestone-${i}@iki-china-hub`,
      title: `Start — ${p.title}`,
      start: '2024-03-01',
      end: '2024-04-01',
      description: `Planned. Planned: 2024-03`,
      url: `http://127.0.0.1:3000/projects/${p.id}#milestone-${i}`,
      categories: ['milestone', 'start'],
    },
    ...(p.titleZh
      ? [
          {
            uid: `milestone-zh-${i}@iki-china-hub`,
            title: `${p.titleZh} — ${p.summary}`,
            start: '2025-01-01',
            end: '2026-01-01',
            categories: ['milestone', 'closure'],
          },
        ]
      : []),
  ]);
  entries.push(
    {
      uid: 'event-edges@iki-china-hub',
      title: 'Commas, semicolons; a back\\slash,\na line break\r\nand a Windows one',
      start: '2024-02-29',
      end: '2024-03-01',
      location: 'Beijing, Beijing',
      description: '排放交易'.repeat(40),
      url: `http://127.0.0.1:3000/events/edges?${'x'.repeat(120)}`,
      categories: ['event', 'conference'],
    },
    {
      // Characters outside the BMP are two UTF-16 units and four octets: never split.
      uid: 'event-emoji@iki-china-hub',
      title: `${'🌏'.repeat(30)} a${'🌏'.repeat(30)}`,
      start: '2023-12-31',
      end: '2024-01-01',
    },
  );
  return entries;
}

function asIcs(entry: CalendarEntry): EventAttributes {
  const day = (iso: string) => iso.split('-').map(Number) as DateArray;
  return {
    uid: entry.uid,
    title: entry.title,
    start: day(entry.start),
    end: day(entry.end),
    description: entry.description,
    location: entry.location,
    url: entry.url,
    categories: entry.categories,
  } as EventAttributes;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');
const withoutStamps = (text: string) => text.replace(/^DTSTAMP:.*$/gm, 'DTSTAMP');

test('the calendar says what the ics package says for the same entries, line for line once unfolded', () => {
  const entries = sampleEntries();
  const ours = calendarText(entries, OPTIONS);
  const { error, value } = createEvents(entries.map(asIcs), {
    productId: OPTIONS.productId,
    calName: OPTIONS.name,
  });
  expect(error).toBeFalsy();
  const theirs = value!;
  expect(withoutStamps(unfold(ours))).toBe(withoutStamps(unfold(theirs)));
  // Every entry is there, with the file's own time as its stamp.
  expect(ours.match(/^BEGIN:VEVENT\r$/gm)).toHaveLength(entries.length);
  expect(unfold(ours).match(/^DTSTAMP:20261129T080503Z\r$/gm)).toHaveLength(entries.length);
});

test('every line is at most 75 octets, ends with CRLF, and folding never splits a character', () => {
  const text = calendarText(sampleEntries(), OPTIONS);
  expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  const lines = text.slice(0, -2).split('\r\n');
  for (const line of lines) {
    expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
    expect(line).not.toMatch(/\n|\r/);
    // A lone surrogate at either end of a piece would be a split character.
    expect(line, line).not.toMatch(LONE_SURROGATE);
  }
  // Chinese and emoji lines were folded (three and four octets a character), not left long.
  expect(lines.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(10);
  expect(unfold(text)).toContain(`DESCRIPTION:${'排放交易'.repeat(40)}`);
});

test('text values escape backslash, semicolon, comma and line breaks, and nothing else', () => {
  expect(escapeText('a,b;c\\d\ne\r\nf: g')).toBe('a\\,b\\;c\\\\d\\ne\\nf: g');
  expect(escapeText('plain text: 中文')).toBe('plain text: 中文');
});

test('a short ASCII line is not folded; a long one folds at 75 octets, then 74 after the space', () => {
  expect(foldLine('SUMMARY:short')).toBe('SUMMARY:short');
  const long = `SUMMARY:${'a'.repeat(200)}`;
  const pieces = foldLine(long).split('\r\n');
  expect(pieces[0]).toHaveLength(75);
  expect(pieces.slice(1, -1).every((p) => p.length === 75 && p.startsWith(' '))).toBe(true);
  expect(unfold(foldLine(long))).toBe(long);
  // 3-octet characters: 25 fit on the first line (75 octets), 24 on the next (1 + 72).
  const chinese = foldLine('中'.repeat(60)).split('\r\n');
  expect(chinese.map((p) => p.replace(/^ /, '').length)).toEqual([25, 24, 11]);
});
