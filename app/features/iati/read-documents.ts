import { parsePartialDate } from '../../../db/dates';
import { DOCUMENT_CATEGORIES } from '../../../db/vocabulary';
import type { IatiDocumentLink, Severity } from './read-types';
import { type ElementNode, XML_NS, attr, child, children, hubAttrs } from './read-tree';

// An activity's <document-link>s as the hub keeps them (decision 0072). Every problem is a
// warning with the element's line: a link without a usable address is left out, anything else
// is kept with what could be read.

/** The longest address kept (browsers and servers refuse longer ones anyway). */
export const MAX_URL = 2048;

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;
const LANGUAGE = /^[a-z]{2}$/;
const ISO_DAY = /^(\d{4}-\d{2}-\d{2})(?:T[\d:.]+)?(?:Z|[+-]\d{2}:\d{2})?$/;
const CATEGORIES = new Set<string>(DOCUMENT_CATEGORIES);

type Report = (severity: Severity, line: number, message: string) => void;

/** Whether an address is one a reader may follow: absolute http(s), not too long. */
export function isLinkUrl(url: string): boolean {
  if (url.length > MAX_URL) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The English narrative, else the first, of an element (a narrative without xml:lang is in `lang`). */
function narrative(node: ElementNode | undefined, lang: string): string | null {
  const texts = children(node, 'narrative').flatMap((n) => {
    const text = n.text.trim();
    if (!text) return [];
    const raw = [...n.attrs.values()].find((a) => a.uri === XML_NS)?.value ?? lang;
    return [{ text, lang: raw.trim().toLowerCase().slice(0, 2) }];
  });
  return (texts.find((t) => t.lang === 'en') ?? texts[0])?.text ?? null;
}

function readLink(d: ElementNode, lang: string, report: Report): IatiDocumentLink | null {
  const url = attr(d, 'url') ?? '';
  if (!url) {
    report('warning', d.line, 'A document-link has no url; it is not imported.');
    return null;
  }
  if (!isLinkUrl(url)) {
    const shown = url.length > 80 ? `${url.slice(0, 80)}…` : url;
    report(
      'warning',
      d.line,
      `Document-link url "${shown}" is not an http(s) address; the document is not imported.`,
    );
    return null;
  }
  const rawFormat = attr(d, 'format')?.toLowerCase() ?? null;
  const format = rawFormat && MEDIA_TYPE.test(rawFormat) ? rawFormat : null;
  if (format === null) {
    report(
      'warning',
      d.line,
      rawFormat
        ? `Document-link format "${rawFormat}" is not a media type; the document is kept without one.`
        : 'A document-link has no format; the document is kept without one.',
    );
  }
  let title = narrative(child(d, 'title'), lang);
  if (title === null) {
    report('warning', d.line, 'A document-link has no title; its url is used as its title.');
    title = url;
  }
  const categories: string[] = [];
  for (const c of children(d, 'category')) {
    const code = attr(c, 'code')?.toUpperCase() ?? '';
    if (CATEGORIES.has(code)) categories.push(code);
    else report('warning', c.line, `Document category "${code}" is not an IATI code; ignored.`);
  }
  const languages: string[] = [];
  for (const l of children(d, 'language')) {
    const code = attr(l, 'code')?.toLowerCase() ?? '';
    if (LANGUAGE.test(code)) languages.push(code);
    else
      report('warning', l.line, `Document language "${code}" is not an ISO 639-1 code; ignored.`);
  }
  const dateNode = child(d, 'document-date');
  const iso = attr(dateNode, 'iso-date');
  const day = iso === null ? null : (ISO_DAY.exec(iso)?.[1] ?? null);
  const hub = hubAttrs(dateNode);
  const marked = hub.value ? parsePartialDate(hub.value) : null;
  const date =
    marked && (!hub.precision || hub.precision === marked.precision)
      ? marked
      : day
        ? parsePartialDate(day)
        : null;
  if (dateNode && date === null) {
    report('warning', dateNode.line, `Document-date "${iso ?? ''}" is not a real date; ignored.`);
  }
  return {
    line: d.line,
    url,
    format,
    title,
    description: narrative(child(d, 'description'), lang),
    categories,
    languages,
    date,
  };
}

/** The activity's own document links (a result's evidence links are read with the result). */
export function readDocumentLinks(
  activity: ElementNode,
  lang: string,
  report: Report,
): IatiDocumentLink[] {
  return children(activity, 'document-link').flatMap((d) => readLink(d, lang, report) ?? []);
}
