import type { Submission } from '@conform-to/react';
import { data, redirect } from 'react-router';

import { langFromPath, localizePath } from '../i18n/config';
import type { Conflict } from './conflict';

// The ways a form is answered, the same on every form: refused (400, 409) or saved (303).

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

/** 303: saved; on to `path` in the language of the page that sent the form. */
export function redirectAfterSave(request: Request, path: string) {
  return redirect(localizePath(path, langFromPath(new URL(request.url).pathname)), 303);
}
