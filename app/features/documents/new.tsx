import { parseWithZod } from '@conform-to/zod/v4';
import { data } from 'react-router';

import { authorize } from '../../core/auth/authorize.server';
import { actorOf } from '../../core/auth/auth';
import { now } from '../../core/clock';
import { redirectAfterSave } from '../../core/forms/responses.server';
import { CSRF_FIELD, CSRF_REFUSAL, isCsrfTokenValid } from '../../core/http/csrf.server';
import { isStreamedUpload, maxDocumentBytes } from '../../core/http/request-rules.server';
import { receiveUpload } from '../../core/http/upload.server';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { en } from '../../core/i18n/locales/en';
import { FormHead } from '../../core/ui/form-head';
import type { Route } from './+types/new';
import { DocumentForm } from './document-form';
import { documentFormContext, documentNewSchema, documentValues } from './document-forms';
import { type UploadFailure, storeUploadedDocument } from './document-upload.server';
import { createDocument, getDocumentFormOptions } from './document-writes.server';
import { extractDocumentText } from './extract.server';
import { tmpDirOf } from './file-store.server';

// Adding a document: a file, read as it streams in (never held in memory) into the file store's
// tmp/, typed from its content, its text read, then kept; or a link. The other fields come with
// it and are checked by the same schema as in the browser.

const maxMb = () => Math.floor(maxDocumentBytes() / (1024 * 1024));

export function loader({ request, context }: Route.LoaderArgs) {
  const user = authorize(context, request, 'document.create');
  return { options: getDocumentFormOptions(user), maxMb: maxMb() };
}

/** The message key for a refused file: an extraction failure has its own (documentText.error.*). */
function failureMessage(error: UploadFailure): string {
  if (!error.startsWith('documentText.error.')) return error;
  const reasons = (en.documentText as { error?: Record<string, string> }).error ?? {};
  return error.slice('documentText.error.'.length) in reasons
    ? error
    : 'documents.error.unreadable';
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = authorize(context, request, 'document.create');
  const options = getDocumentFormOptions(user);
  const schema = documentNewSchema(documentFormContext(options));
  const url = new URL(request.url);
  const who = { at: now(), actor: actorOf(user) };

  /** A 400 (or 413) with the fields as sent and one message next to one field. */
  const refuse = (
    entries: [string, string][],
    field: string,
    message: string,
    status: 400 | 413 = 400,
  ) => {
    const formData = new FormData();
    for (const [name, value] of entries) if (name !== CSRF_FIELD) formData.append(name, value);
    return data(
      { result: parseWithZod(formData, { schema }).reply({ fieldErrors: { [field]: [message] } }) },
      { status },
    );
  };

  if (!isStreamedUpload(url.pathname, request.headers.get('Content-Type'))) {
    // A form sent without multipart (no browser form of this page does): a link, or nothing.
    const formData = await request.formData();
    const entries = [...formData.entries()].filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    );
    return saveLink(entries);
  }

  // Known too large before a byte is read when the browser says how large it is.
  const maxBytes = maxDocumentBytes();
  if (Number(request.headers.get('Content-Length') ?? 0) > maxBytes + 64 * 1024) {
    return refuse([], 'file', 'documents.error.tooLarge', 413);
  }
  const received = await receiveUpload(request, {
    fileField: 'file',
    maxBytes,
    csrfField: CSRF_FIELD,
    isCsrfValid: (token) => isCsrfTokenValid(context, token),
    directory: await tmpDirOf(),
  });
  if (!received.ok) {
    if (received.reason === 'csrf') throw data(CSRF_REFUSAL, { status: 403 });
    if (received.reason === 'too-large') return refuse([], 'file', 'documents.error.tooLarge', 413);
    return refuse([], 'file', 'documents.error.fileOrLink');
  }
  const { entries, file, cleanup } = received.upload;
  try {
    if (!file) return saveLink(entries);
    const formData = new FormData();
    for (const [name, value] of entries) formData.append(name, value);
    const submission = parseWithZod(formData, { schema });
    if (submission.status !== 'success') {
      return data({ result: submission.reply() }, { status: 400 });
    }
    if (submission.value.url) return refuse(entries, 'url', 'documents.error.notBoth');
    const stored = await storeUploadedDocument(file, documentValues(submission.value), who, {
      extract: extractDocumentText,
    });
    if (!stored.ok) return refuse(entries, 'file', failureMessage(stored.error));
    return redirectAfterSave(request, `/documents/${stored.id}?saved=1`);
  } finally {
    await cleanup();
  }

  function saveLink(entries: [string, string][]) {
    const formData = new FormData();
    for (const [name, value] of entries) formData.append(name, value);
    const submission = parseWithZod(formData, { schema });
    if (submission.status !== 'success') {
      return data({ result: submission.reply() }, { status: 400 });
    }
    if (!submission.value.url) return refuse(entries, 'file', 'documents.error.fileOrLink');
    const { id } = createDocument(
      { values: documentValues(submission.value), source: { url: submission.value.url } },
      who,
    );
    return redirectAfterSave(request, `/documents/${id}?saved=1`);
  }
}

export default function NewDocument({ loaderData, actionData }: Route.ComponentProps) {
  const { options, maxMb } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  return (
    <>
      <FormHead title={t('documents.newTitle')} lead={t('documents.newLead')} />
      <DocumentForm
        mode="new"
        options={options}
        context={documentFormContext(options)}
        lastResult={actionData?.result}
        cancelTo={to('/documents')}
        maxMb={maxMb}
      />
    </>
  );
}
