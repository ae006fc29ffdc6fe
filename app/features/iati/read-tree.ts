import type { SaxesAttributeNS, SaxesTagNS } from 'saxes';

import { HUB_NS } from './codes';
import type { Texts } from './read-types';

// One activity is first kept as a small element tree (only the elements the hub stores), then
// checked and turned into a plain object; these are the tree and the ways to read it.

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
/** d-portal's own attributes: the dataset name and the version of the publisher's file. */
export const DPORTAL_ACTIVITIES_NS = 'http://d-portal.org/xmlns/iati-activities';
export const DPORTAL_DSTORE_NS = 'http://d-portal.org/xmlns/dstore';

interface Attr {
  uri: string;
  value: string;
}

export interface ElementNode {
  name: string;
  uri: string;
  line: number;
  attrs: Map<string, Attr>;
  children: ElementNode[];
  text: string;
  isTruncated: boolean;
}

/** A start tag as a node; namespace declarations are not attributes of the tree. */
export function toNode(tag: SaxesTagNS, line: number): ElementNode {
  const attrs = new Map<string, Attr>();
  for (const [name, a] of Object.entries(tag.attributes as Record<string, SaxesAttributeNS>)) {
    if (a.uri === XMLNS_NS || a.prefix === 'xmlns' || name === 'xmlns') continue;
    attrs.set(name, { uri: a.uri, value: a.value });
  }
  return {
    name: tag.local,
    uri: tag.uri,
    line,
    attrs,
    children: [],
    text: '',
    isTruncated: false,
  };
}

export const attr = (node: ElementNode | undefined, name: string): string | null => {
  const a = node?.attrs.get(name);
  return a && a.uri === '' ? a.value.trim() : null;
};
/** IATI's own child elements (no namespace) of that name. */
export const child = (node: ElementNode | undefined, name: string) =>
  node?.children.find((c) => c.name === name && c.uri === '');
export const children = (node: ElementNode | undefined, name: string) =>
  node?.children.filter((c) => c.name === name && c.uri === '') ?? [];
/**
 * What our own export says in HUB_NS, by local name (the prefix may be anything): its attributes,
 * and its child elements where IATI allows no foreign attribute (<hub:relation>successor</…>).
 */
export function hubAttrs(node: ElementNode | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of node?.children ?? []) if (c.uri === HUB_NS) out[c.name] = c.text.trim();
  for (const [key, a] of node?.attrs ?? []) {
    if (a.uri === HUB_NS) out[key.slice(key.indexOf(':') + 1)] = a.value.trim();
  }
  return out;
}

const LANG_PRIMARY = /^([a-z]{2,3})/;

export function readTexts(node: ElementNode | undefined, defaultLang: string): Texts {
  const texts: Texts = { en: null, zh: null, de: null, other: null };
  for (const n of children(node, 'narrative')) {
    const value = n.text.trim();
    if (!value) continue;
    const raw = [...n.attrs.values()].find((a) => a.uri === XML_NS)?.value ?? defaultLang;
    const lang = LANG_PRIMARY.exec(raw.trim().toLowerCase())?.[1] ?? defaultLang;
    if (lang === 'en' || lang === 'zh' || lang === 'de') texts[lang] ??= value;
    else texts.other ??= value;
  }
  return texts;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export const parseNumber = (text: string | null): number | null =>
  text !== null && NUMBER.test(text) ? Number(text) : null;
