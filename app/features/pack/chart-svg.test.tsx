import { renderToStaticMarkup } from 'react-dom/server';
import { expect, test } from 'vitest';

import { ChartFigure, wrapText } from './chart-svg';
import type { ChartSpec } from './pack-charts';

const format = (n: number) => new Intl.NumberFormat('en-GB').format(n);

function render(spec: ChartSpec) {
  const html = renderToStaticMarkup(
    <ChartFigure spec={spec} categoryHeading="Category" format={format} />,
  );
  // Just enough of the markup, read with regular expressions (no DOM in the unit tests).
  const all = (pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[1]!);
  return { html, doc: { all } };
}

const bars: ChartSpec = {
  id: 'byType',
  title: 'Projects by type',
  kind: 'bars',
  categories: ['Bilateral', 'Regional', 'Global'],
  series: [{ name: 'Projects', values: [18, 7, null] }],
  unit: null,
};

test('a bar chart is one image named with every number, and the same numbers are in its table', () => {
  const { html, doc } = render(bars);
  expect(html).toContain('role="img"');
  expect(html).toContain('<title>Projects by type</title>');
  expect(doc.all(/aria-label="([^"]*)"/g)).toEqual([
    'Projects by type. Bilateral: 18; Regional: 7; Global: –',
  ]);
  // One bar per reported value; an unreported one has no bar (never a bar of 0).
  const widths = doc.all(/<rect class="pack-chart__bar"[^>]* width="([\d.]+)"/g).map(Number);
  expect(widths).toHaveLength(2);
  expect(widths[0]! / widths[1]!).toBeCloseTo(18 / 7, 5);
  expect(doc.all(/<td class="num">([^<]*)<\/td>/g)).toEqual(['18', '7', '–']);
  expect(doc.all(/<th scope="row">([^<]*)<\/th>/g)).toEqual(['Bilateral', 'Regional', 'Global']);
});

test('a grouped chart draws target beside actual per period and tables both series', () => {
  const spec: ChartSpec = {
    id: 'indicator-1',
    title: 'Tonnes of CO2e avoided',
    kind: 'grouped',
    categories: ['2024-12-31', '2025-06-30'],
    series: [
      { name: 'Target', values: [1000, 2000] },
      { name: 'Actual', values: [1250, null] },
    ],
    unit: 't CO2e',
  };
  const { html, doc } = render(spec);
  expect(doc.all(/<td class="num">([^<]*)<\/td>/g)).toEqual(['1,000', '1,250', '2,000', '–']);
  // Three bars (the missing actual has none), as high as their values.
  const heights = doc.all(/<rect class="pack-chart__bar"[^>]* height="([\d.]+)"/g);
  expect(heights.map(Number)).toHaveLength(3);
  const [target1, actual1, target2] = heights.map(Number) as [number, number, number];
  expect(actual1 / target1).toBeCloseTo(1250 / 1000, 5);
  expect(target2 / target1).toBeCloseTo(2000 / 1000, 5);
  // The axis shows a year-end as its year and another period end as its month.
  expect(html).toContain('>2024</text>');
  expect(html).toContain('>2025-06</text>');
  expect(html).toContain('(t CO2e)');
});

test('long labels wrap into lines that fit, Chinese counted as full-width', () => {
  const lines = wrapText('Natural carbon sinks / 自然碳汇 and a long tail of words', 120, 13);
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.length).toBeLessThanOrEqual(3);
  expect(wrapText('Short', 200)).toEqual(['Short']);
  const chinese = wrapText('国际气候倡议在华全部项目的进展与成果', 100, 13);
  // 100 units hold 7 Chinese characters at 13 units each.
  expect(chinese.every((line) => line.replace('…', '').length <= 7)).toBe(true);
});
