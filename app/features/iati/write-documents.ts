import { parsePartialDate, periodStart, toPartialDate } from '../../../db/dates';
import { HUB_ATTRIBUTES as A } from './codes';
import type { IatiDocumentOut } from './write-types';
import { hub } from './write-elements';
import { type XmlElement, el } from './xml';

// A project's public documents as <document-link>s (decision 0072), their children in the order
// the 2.03 schema fixes: title, description, category, language, document-date.

const HAN = /\p{Script=Han}/u;

/**
 * What IATI requires of a document-link that the hub may not know: a format and a category.
 * A document without them is left out of the file (named in its header) rather than guessed.
 */
export function documentMissing(d: IatiDocumentOut): string[] {
  return [...(d.mediaType ? [] : ['format']), ...(d.category ? [] : ['category'])];
}

/**
 * The language a text is marked with. The hub keeps one title per document, not its language: a
 * title in Chinese characters is marked zh, any other the document's language (if stated), so an
 * unmarked title is not claimed as the activity's English.
 */
function textLang(text: string, language: string | null): string | null {
  return HAN.test(text) ? 'zh' : language;
}

const narrative = (text: string, language: string | null) => {
  const lang = textLang(text, language);
  return el('narrative', lang ? { 'xml:lang': lang } : {}, text);
};

export function documentLink(d: IatiDocumentOut): XmlElement {
  const date =
    toPartialDate(d.documentDate, d.documentDatePrecision) ??
    (d.documentDate ? parsePartialDate(d.documentDate) : null);
  return el(
    'document-link',
    { url: d.url, format: d.mediaType },
    el('title', {}, narrative(d.title, d.language)),
    d.description?.trim() && el('description', {}, narrative(d.description, d.language)),
    d.category && el('category', { code: d.category }),
    d.language && el('language', { code: d.language }),
    date &&
      el('document-date', {
        'iso-date': periodStart(date),
        ...(date.precision === 'day'
          ? {}
          : { [hub(A.precision)]: date.precision, [hub(A.value)]: date.value }),
      }),
  );
}

/** The documents IATI can take, as document-links. */
export function documentLinks(documents: IatiDocumentOut[]): XmlElement[] {
  return documents.filter((d) => documentMissing(d).length === 0).map(documentLink);
}
