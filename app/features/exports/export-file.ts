import { getInstance } from '../../core/i18n/i18next.server';
import { apiError } from '../../core/filter/api-request.server';
import { readExportRequest } from './export-build.server';
import { JobError, exportFile } from './export-jobs.server';
import type { Route } from './+types/export-file';

// /export/<file>?<filter>: exactly what the shared filter selects, as a file (the names are
// EXPORT_FILES in app/features/exports/export-files.ts, which the fuzz test and the bench read;
// what each holds: export-build.server.ts). The request is read here, a bad one answered at
// once; a large file is built off this thread (export-jobs.server.ts, decision 0080).

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const read = readExportRequest(params.file, request, getInstance(context));
  if (read instanceof Response) return read;
  try {
    return await exportFile(params.file, request.url, read);
  } catch (error) {
    if (!(error instanceof JobError)) throw error;
    if (error.kind === 'busy') {
      const busy = apiError(429, error.message);
      busy.headers.set('Retry-After', String(error.retryAfterS ?? 10));
      return busy;
    }
    return apiError(422, error.message);
  }
}
