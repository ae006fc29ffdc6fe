import { readFileSync } from 'node:fs';

import { SaxesParser } from 'saxes';
import { validateXML } from 'xmllint-wasm';

// What the tests of the IATI export share: the written file as a real XML parser reads it, and
// the IATI 2.03 schema's verdict on it. Test code only; nothing of the app imports it.

export interface Node {
  name: string;
  attributes: Record<string, { uri: string; local: string; value: string }>;
  children: Node[];
  text: string;
}

/** A namespace-aware tree of the document (saxes: a real XML parser, not a regex). */
export function parse(xml: string): { root: Node; comments: string[] } {
  const parser = new SaxesParser({ xmlns: true });
  const top: Node = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [top];
  const comments: string[] = [];
  parser.on('opentag', (tag) => {
    const attributes: Node['attributes'] = {};
    for (const [name, a] of Object.entries(tag.attributes)) {
      attributes[name] = { uri: a.uri, local: a.local, value: a.value };
    }
    const node: Node = { name: tag.name, attributes, children: [], text: '' };
    stack.at(-1)!.children.push(node);
    stack.push(node);
  });
  parser.on('text', (text) => (stack.at(-1)!.text += text));
  parser.on('closetag', () => stack.pop());
  parser.on('comment', (c) => comments.push(c));
  parser.write(xml).close();
  return { root: top.children[0]!, comments };
}

/** Every element of that name below `node`, in document order. */
export const all = (node: Node, name: string): Node[] =>
  node.children.flatMap((c) => [...(c.name === name ? [c] : []), ...all(c, name)]);
export const attr = (node: Node, name: string) => node.attributes[name]?.value;

/**
 * The schema errors of a file, against the IATI 2.03 schema in `schemaDir` (the tests pass the
 * shared data's folder: the schema lives beside the checkout, never copied into it).
 */
export function schemaChecker(schemaDir: URL): (xml: string) => Promise<string[]> {
  const schemaFile = (name: string) => ({
    fileName: name,
    contents: readFileSync(new URL(name, schemaDir), 'utf8'),
  });
  return async (xml) => {
    const result = await validateXML({
      xml: [{ fileName: 'iati.xml', contents: xml }],
      schema: [schemaFile('iati-activities-schema.xsd')],
      preload: [schemaFile('iati-common.xsd'), schemaFile('xml.xsd')],
      // Enough for a file of the whole portfolio, as export.test.ts validates one.
      maxMemoryPages: 4096,
    });
    return result.errors.map((e) => e.rawMessage);
  };
}
