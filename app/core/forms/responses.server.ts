import type { Submission } from '@conform-to/react';
import { data } from 'react-router';

import type { Conflict } from './conflict';

// The two ways a save is refused, the same on every edit form.

/** 400: the form's errors next to their fields, the input kept. */
export function refuseInvalid(submission: Submission<unknown>) {
  return data({ result: submission.reply(), conflict: null }, { status: 400 });
}

/** 409: saved by someone else meanwhile; both versions side by side, the input kept. */
export function refuseStale(submission: Submission<unknown>, conflict: Conflict) {
  return data(
    { result: submission.reply({ formErrors: ['form.error.staleRecord'] }), conflict },
    { status: 409 },
  );
}
