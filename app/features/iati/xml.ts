// XML as plain values, and the one place it becomes text: every value escaped, and the characters
// XML cannot carry dropped.

export type XmlAttributes = Record<string, string | number | boolean | null | undefined>;
export interface XmlElement {
  name: string;
  attributes: XmlAttributes;
  children: XmlNode[];
}
/** A string child is text. */
export type XmlNode = XmlElement | string;
type XmlChildren = (XmlNode | null | undefined | false | XmlChildren)[];

// XML 1.0 cannot carry these even as character references (C0 controls other than tab, line
// feed and carriage return; U+FFFE/U+FFFF; unpaired surrogates), so they are dropped.
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\0-\x08\v\f\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// What escapeText or escapeAttribute would change: most values (codes, dates, plain titles) hold
// none of it and are returned as they are (at 10 000 projects the replace passes were a fifth of
// the export). Any surrogate takes the full path, which keeps pairs and drops lone halves.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const TEXT_SPECIAL = /[&<>\0-\x08\v\f\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const ATTRIBUTE_SPECIAL = /[&<>"\0-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Text content: & < > escaped (> too, so "]]>" can never appear), characters XML forbids dropped. */
export function escapeText(value: string): string {
  if (!TEXT_SPECIAL.test(value)) return value;
  return value
    .replace(NOT_XML, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

/** An attribute value in double quotes; tab and line breaks as references, or parsers fold them. */
export function escapeAttribute(value: string): string {
  if (!ATTRIBUTE_SPECIAL.test(value)) return value;
  return escapeText(value)
    .replaceAll('"', '&quot;')
    .replaceAll('\t', '&#9;')
    .replaceAll('\n', '&#10;')
    .replaceAll('\r', '&#13;');
}

/** An XML comment: "--" may not occur inside one. */
export function xmlComment(text: string): string {
  return `<!-- ${text
    .replace(NOT_XML, '')
    .replace(/-(?=-)/g, '- ')
    .replace(/-$/, '- ')} -->`;
}

/** An element; null, undefined and false children and attributes are left out. */
export function el(
  name: string,
  attributes: XmlAttributes = {},
  ...children: XmlChildren
): XmlElement {
  const flat: XmlNode[] = [];
  const add = (items: XmlChildren) => {
    for (const item of items) {
      if (Array.isArray(item)) add(item);
      else if (item !== null && item !== undefined && item !== false) flat.push(item);
    }
  };
  add(children);
  return { name, attributes, children: flat };
}

function attributeText(attributes: XmlAttributes): string {
  let text = '';
  for (const name in attributes) {
    const value = attributes[name];
    if (value !== null && value !== undefined)
      text += ` ${name}="${escapeAttribute(String(value))}"`;
  }
  return text;
}

/** Serialises an element, one child element per line, text inline. */
export function serialize(node: XmlElement, indent = ''): string {
  const open = `<${node.name}${attributeText(node.attributes)}`;
  if (node.children.length === 0) return `${open}/>`;
  if (node.children.every((c) => typeof c === 'string')) {
    return `${open}>${node.children.map((c) => escapeText(c as string)).join('')}</${node.name}>`;
  }
  const inner = `${indent}  `;
  const lines = node.children.map((c) =>
    typeof c === 'string' ? `${inner}${escapeText(c)}` : `${inner}${serialize(c, inner)}`,
  );
  return `${open}>\n${lines.join('\n')}\n${indent}</${node.name}>`;
}
