import { expect, test } from 'vitest';

import { wrapLabel } from './chart-labels';

test('a long label wraps between words and keeps every word', () => {
  const label =
    'Federal Ministry for the Environment, Nature Conservation, Nuclear Safety and Consumer Protection';
  const lines = wrapLabel(label, 22);
  expect(lines.length).toBeGreaterThan(3);
  expect(lines.join(' ')).toBe(label);
  for (const line of lines) expect(line.length).toBeLessThanOrEqual(22);
});

test('Chinese text, without spaces, wraps between characters at half the Latin width', () => {
  const label = '生态环境部对外合作与交流中心气候变化项目';
  const lines = wrapLabel(label, 10);
  expect(lines.join('')).toBe(label);
  for (const line of lines) expect([...line].length).toBeLessThanOrEqual(5);
});

test('a short label stays one line, and a word longer than a line is split, not cut', () => {
  expect(wrapLabel('Mitigation')).toEqual(['Mitigation']);
  expect(wrapLabel('Klimaschutzinvestitionsprogramm', 10).join('')).toBe(
    'Klimaschutzinvestitionsprogramm',
  );
});
