import { describe, expect, test } from 'vitest';

import { el, escapeAttribute, escapeText, serialize, xmlComment } from './xml';
import { parse } from './test-support';

describe('escaping', () => {
  test('text escapes &, < and > and drops the control characters XML cannot carry', () => {
    expect(escapeText('R&D <b> ]]> \u0001\u0008\u000b\u001f\uffff ok')).toBe(
      'R&amp;D &lt;b&gt; ]]&gt;  ok',
    );
    expect(escapeText('tab\tline\nreturn\r')).toBe('tab\tline\nreturn\r');
    expect(escapeText('中文 \ud83c\udf0f')).toBe('中文 \ud83c\udf0f');
    expect(escapeText('lone \ud800 surrogate')).toBe('lone  surrogate');
  });

  test('attributes also escape quotes and keep line breaks as character references', () => {
    expect(escapeAttribute('say "hi" & <go>\n\tnow')).toBe(
      'say &quot;hi&quot; &amp; &lt;go&gt;&#10;&#9;now',
    );
  });

  test('the shortcut for values with nothing to escape gives what the full escaping gives', () => {
    // Every character class the escaping treats apart, in strings of one to four of them.
    const pieces = ['a', '中', '"', '&', '<', '>', '\t', '\n', '\r', '\u0001', '\uffff'];
    const surrogates = ['\ud83c\udf0f', '\ud800', '\udc00'];
    const full = (value: string) =>
      value
        .replace(
          // eslint-disable-next-line no-control-regex -- the same set as NOT_XML in xml.ts
          /[\0-\x08\v\f\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
          '',
        )
        .replaceAll('&', '&amp;')
        .replaceAll('<', '&lt;')
        .replaceAll('>', '&gt;');
    const fullAttribute = (value: string) =>
      full(value)
        .replaceAll('"', '&quot;')
        .replaceAll('\t', '&#9;')
        .replaceAll('\n', '&#10;')
        .replaceAll('\r', '&#13;');
    let values = [''];
    for (let length = 1; length <= 3; length++) {
      values = values.flatMap((v) => [...pieces, ...surrogates].map((p) => v + p));
      for (const value of values) {
        expect(escapeText(value), JSON.stringify(value)).toBe(full(value));
        expect(escapeAttribute(value), JSON.stringify(value)).toBe(fullAttribute(value));
      }
    }
  });

  test('a comment never contains "--" or ends in "-"', () => {
    const comment = xmlComment('a--b---c-');
    expect(comment.slice(4, -3)).not.toMatch(/--|-$/);
  });

  test('elements leave out null attributes and empty children, and nest text safely', () => {
    const xml = serialize(
      el('a', { x: 'q"', y: null, z: undefined, n: 3 }, el('b', {}, 'x < y'), null, false, []),
    );
    expect(xml).toBe('<a x="q&quot;" n="3">\n  <b>x &lt; y</b>\n</a>');
    expect(parse(xml).root.children[0]!.text).toBe('x < y');
  });
});
