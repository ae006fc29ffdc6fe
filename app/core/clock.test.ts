import { expect, test } from 'vitest';

import { today } from './clock';

test('today is pinned by HUB_TODAY (set for the unit tests in vitest.config.ts)', () => {
  expect(today()).toBe('2026-06-15');
});
