import { expect, test } from 'vitest';

import { REPORT_STATES, ROUND_STATES } from '../../../db/vocabulary';
import { REPORT_INTENTS, isPublic, isWritable, nextReportState } from './report-states';

test('authors save drafts and submit while the round is open and the report is not yet submitted', () => {
  for (const state of ['not-started', 'draft', 'returned'] as const) {
    expect(nextReportState('save-draft', state, 'open', 'author')).toBe('draft');
    expect(nextReportState('submit', state, 'open', 'author')).toBe('submitted');
    expect(isWritable(state, 'open')).toBe(true);
  }
  for (const state of ['submitted', 'approved'] as const) {
    expect(nextReportState('save-draft', state, 'open', 'author')).toBeNull();
    expect(nextReportState('submit', state, 'open', 'author')).toBeNull();
    expect(isWritable(state, 'open')).toBe(false);
  }
});

test('nothing is written to a report of a round that is not open', () => {
  for (const round of ['draft', 'closed'] as const) {
    for (const state of REPORT_STATES) {
      expect(isWritable(state, round)).toBe(false);
      expect(nextReportState('save-draft', state, round, 'hub-team')).toBeNull();
      expect(nextReportState('submit', state, round, 'author')).toBeNull();
    }
  }
});

test('only the hub team returns or approves, and only a submitted report', () => {
  expect(nextReportState('return', 'submitted', 'open', 'hub-team')).toBe('returned');
  expect(nextReportState('approve', 'submitted', 'open', 'hub-team')).toBe('approved');
  // A report submitted before the round closed is still reviewed after.
  expect(nextReportState('approve', 'submitted', 'closed', 'hub-team')).toBe('approved');
  expect(nextReportState('return', 'submitted', 'open', 'author')).toBeNull();
  expect(nextReportState('approve', 'submitted', 'open', 'author')).toBeNull();
  for (const state of REPORT_STATES.filter((s) => s !== 'submitted')) {
    expect(nextReportState('return', state, 'open', 'hub-team')).toBeNull();
    expect(nextReportState('approve', state, 'open', 'hub-team')).toBeNull();
  }
});

test('an approved report is final: no intent moves it, in any round state, by anyone', () => {
  for (const intent of REPORT_INTENTS) {
    for (const round of ROUND_STATES) {
      expect(nextReportState(intent, 'approved', round, 'hub-team')).toBeNull();
      expect(nextReportState(intent, 'approved', round, 'author')).toBeNull();
    }
  }
});

test('only an approved report is public', () => {
  expect(REPORT_STATES.filter(isPublic)).toEqual(['approved']);
});
