import { Feed } from 'feed';
import type { TFunction } from 'i18next';

import { now } from '../../core/clock';
import { HTML_LANG, type Lang } from '../../core/i18n/config';
import type { ChangeText } from './change-text';

// An Atom 1.0 document of changes, written by the `feed` package (no XML of our own). The package
// writes titles and summaries as type="html", so their text is escaped as HTML here; it has no
// option for the language, so the root element is given its xml:lang (the one attribute we add).

const TAG = 'tag:iki-china-hub,2026:';

const ATOM_ROOT = '<feed xmlns="http://www.w3.org/2005/Atom">';

export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

const paragraphsHtml = (paragraphs: string[]) =>
  paragraphs.map((p) => `<p>${escapeHtml(p).replaceAll('\n', '<br>')}</p>`).join('');

export interface AtomFeed {
  /** Stable for the feed whatever the time: its scope, filter and language. */
  id: string;
  title: string;
  /** The feed's own URL and the page it follows (absolute). */
  self: string;
  page: string;
  lang: Lang;
  origin: string;
  entries: ChangeText[];
}

/** The feed's stable id (a tag: URI) from what it follows. */
export const feedId = (what: string) => `${TAG}feed/${what}`;

export function atomFeed(feed: AtomFeed, t: TFunction): Response {
  const author = { name: t('feeds.feedAuthor'), link: `${feed.origin}/` };
  const newest = feed.entries[0]?.at;
  const out = new Feed({
    id: feed.id,
    title: feed.title,
    description: t('feeds.feedSubtitle'),
    link: feed.page,
    feedLinks: { atom: feed.self },
    language: HTML_LANG[feed.lang],
    updated: new Date(newest ?? now()),
    author,
    generator: 'IKI China portfolio hub',
  });
  for (const entry of feed.entries) {
    out.addItem({
      id: `${TAG}change/${entry.key}`,
      title: escapeHtml(entry.title),
      link: `${feed.origin}${entry.path}`,
      date: new Date(entry.at),
      description: entry.paragraphs.length ? paragraphsHtml(entry.paragraphs) : undefined,
      author: entry.authors.length ? entry.authors.map((name) => ({ name })) : [author],
      category: [{ term: entry.kind }],
    });
  }
  const xml = out
    .atom1()
    .replace(ATOM_ROOT, `${ATOM_ROOT.slice(0, -1)} xml:lang="${HTML_LANG[feed.lang]}">`);
  return new Response(xml, { headers: { 'Content-Type': ATOM_CONTENT_TYPE } });
}
