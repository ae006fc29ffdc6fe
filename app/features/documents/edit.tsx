import { data } from 'react-router';

import { authorize } from '../../core/auth/authorize.server';
import { revalidateAfterConflict } from '../../core/forms/conflict';
import { changeBy, editAction } from '../../core/forms/edit-action.server';
import { maxDocumentBytes } from '../../core/http/request-rules.server';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { AppLink } from '../../core/ui/app-link';
import { FormHead } from '../../core/ui/form-head';
import type { Route } from './+types/edit';
import { DocumentForm } from './document-form';
import {
  type DocumentEditValues,
  documentEditSchema,
  documentFormContext,
  documentFormValues,
  documentValues,
} from './document-forms';
import { parseDocumentId } from './document-params';
import {
  getDocumentForEdit,
  getDocumentFormOptions,
  updateDocument,
} from './document-writes.server';

// Editing a document: its metadata, who may see it, and what it belongs to (the file stays: a new
// version of a file is a new document). Versioned: a stale save is refused with both versions.

function requireDocument(idText: string | undefined) {
  const id = parseDocumentId(idText);
  const document = id === null ? undefined : getDocumentForEdit(id);
  if (!document) throw data(null, { status: 404 });
  return document;
}

export function loader({ params, request, context }: Route.LoaderArgs) {
  const document = requireDocument(params.id);
  const user = authorize(context, request, 'document.update');
  return {
    document: { id: document.id, title: document.title },
    version: document.version,
    values: documentFormValues(document),
    options: getDocumentFormOptions(user),
    maxMb: Math.floor(maxDocumentBytes() / (1024 * 1024)),
  };
}

const nextDocument = (value: DocumentEditValues) => documentValues(value);

export async function action({ params, request, context }: Route.ActionArgs) {
  const document = requireDocument(params.id);
  const user = authorize(context, request, 'document.update');
  const options = getDocumentFormOptions(user);
  return editAction(request, {
    schema: documentEditSchema(documentFormContext(options)),
    save: (value) =>
      updateDocument(
        document.id,
        value.version,
        nextDocument(value),
        changeBy(user, value.changeSource),
      ),
    sent: (value) => documentFormValues(nextDocument(value)),
    saved: (current) => documentFormValues(current),
    savedTo: `/documents/${document.id}?saved=1`,
  });
}

export const shouldRevalidate = revalidateAfterConflict;

export default function EditDocument({ loaderData, actionData }: Route.ComponentProps) {
  const { document, options, maxMb } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  return (
    <>
      <FormHead
        title={t('documents.editTitle')}
        back={<AppLink to={to(`/documents/${document.id}`)}>{document.title}</AppLink>}
      />
      <DocumentForm
        mode="edit"
        options={options}
        context={documentFormContext(options)}
        lastResult={actionData?.result}
        defaultValue={loaderData.values}
        version={actionData?.conflict?.version ?? loaderData.version}
        conflict={actionData?.conflict ?? null}
        cancelTo={to(`/documents/${document.id}`)}
        maxMb={maxMb}
      />
    </>
  );
}
