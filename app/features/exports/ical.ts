// iCalendar (RFC 5545) text for the calendar feeds: all-day entries, nothing else. The hub wrote
// them with the `ics` package, which validates every entry against a schema; at 10 000 projects
// (50 000 milestones) that was 20 s of one request, with every other request waiting behind it.
// The entries are built here from stored, validated rows, so only the writing is kept, and
// ical.test.ts checks it against `ics` for the same entries.

export interface CalendarEntry {
  uid: string;
  title: string;
  /** The first day, YYYY-MM-DD. */
  start: string;
  /** The day after the last one (DTEND of an all-day entry is exclusive), YYYY-MM-DD. */
  end: string;
  description?: string;
  location?: string;
  url?: string;
  categories?: string[];
}

export interface CalendarOptions {
  productId: string;
  name: string;
  /** When the file was made (DTSTAMP of every entry), ISO 8601 in UTC. */
  generatedAt: string;
}

const MAX_OCTETS = 75;
const ASCII_ONLY = /^[\x20-\x7E]*$/;
const NEEDS_ESCAPE = /[\\;,\r\n]/;

/** A TEXT value: backslash, semicolon, comma and line breaks escaped (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value
    .replaceAll('\\', '\\\\')
    .replace(/\r?\n/g, '\\n')
    .replaceAll(';', '\\;')
    .replaceAll(',', '\\,');
}

/**
 * A content line folded at 75 octets (RFC 5545 §3.1): each continuation starts with CRLF and a
 * space, which counts towards its 75. A character is never split, so a UTF-8 sequence (Chinese
 * is three octets a character) stays whole.
 */
export function foldLine(line: string): string {
  // A UTF-16 unit is at most three octets (a surrogate pair is four for two units).
  if (line.length * 3 <= MAX_OCTETS || (line.length <= MAX_OCTETS && ASCII_ONLY.test(line))) {
    return line;
  }
  let folded = '';
  let start = 0;
  let octets = 0;
  let limit = MAX_OCTETS;
  for (let i = 0; i < line.length;) {
    const unit = line.charCodeAt(i);
    const isPair = unit >= 0xd800 && unit <= 0xdbff && (line.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const size = unit < 0x80 ? 1 : unit < 0x800 ? 2 : isPair ? 4 : 3;
    if (octets + size > limit) {
      folded += `${line.slice(start, i)}\r\n `;
      start = i;
      octets = 0;
      limit = MAX_OCTETS - 1;
    }
    octets += size;
    i += isPair ? 2 : 1;
  }
  return folded + line.slice(start);
}

const date = (iso: string) => iso.replaceAll('-', '');

/** 2026-11-29T08:05:03.120Z → 20261129T080503Z */
const dateTime = (iso: string) => `${iso.slice(0, 19).replace(/[-:]/g, '')}Z`;

/** One VEVENT, every line folded and ended with CRLF. */
function entryText(entry: CalendarEntry, stamp: string): string {
  let text =
    'BEGIN:VEVENT\r\n' +
    `${foldLine(`UID:${entry.uid}`)}\r\n` +
    `${foldLine(`SUMMARY:${escapeText(entry.title)}`)}\r\n` +
    `DTSTAMP:${stamp}\r\n` +
    `DTSTART;VALUE=DATE:${date(entry.start)}\r\n` +
    `DTEND;VALUE=DATE:${date(entry.end)}\r\n`;
  if (entry.description) text += `${foldLine(`DESCRIPTION:${escapeText(entry.description)}`)}\r\n`;
  if (entry.url) text += `${foldLine(`URL:${entry.url}`)}\r\n`;
  if (entry.location) text += `${foldLine(`LOCATION:${escapeText(entry.location)}`)}\r\n`;
  if (entry.categories?.length) {
    text += `${foldLine(`CATEGORIES:${entry.categories.map(escapeText).join(',')}`)}\r\n`;
  }
  return `${text}END:VEVENT\r\n`;
}

/** A whole VCALENDAR: CRLF line ends, every line folded. */
export function calendarText(entries: Iterable<CalendarEntry>, options: CalendarOptions): string {
  const stamp = dateTime(options.generatedAt);
  const parts = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    `PRODID:${escapeText(options.productId)}`,
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name)}`,
    'X-PUBLISHED-TTL:PT1H',
  ].map((line) => `${foldLine(line)}\r\n`);
  for (const entry of entries) parts.push(entryText(entry, stamp));
  parts.push('END:VCALENDAR\r\n');
  return parts.join('');
}
