import { buildPack } from './pack-data.server';
import type { PackRequest } from './pack-types';

// One pack file, the unit of work of the pack's queue (pack-jobs.server.ts): the pack's data read
// from the database, then drawn as a slide deck or a Word document. It runs in the pack's worker
// thread in the production server (app/core/jobs/job-worker.mjs calls it through the bundle's
// entry module). The renderers and what they draw with (pptxgenjs, docx, @napi-rs/canvas: some
// 55 MB of memory) are loaded on the first file, in that thread only, not in every serving process.

export type PackFormat = 'pptx' | 'docx';

export async function buildPackFile(
  format: PackFormat,
  request: PackRequest,
  today: string,
): Promise<Uint8Array> {
  const pack = buildPack(request, today);
  const bytes =
    format === 'pptx'
      ? await (await import('./pack-pptx.server')).renderPackPptx(pack)
      : await (await import('./pack-docx.server')).renderPackDocx(pack);
  return bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
}
