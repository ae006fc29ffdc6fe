import { data } from 'react-router';

import { authorize } from '../../core/auth/authorize.server';
import { isAllowed } from '../../core/auth/permissions';
import { today } from '../../core/clock';
import { attachmentHeader } from '../../core/http/attachment';
import { userContext } from '../../core/http/session.server';
import type { Route } from './+types/pack-file';
import { getPackRound } from './pack-data.server';
import { JobError, type PackFormat, keptPackFile, packFile } from './pack-jobs.server';
import { PACK_LABELS } from './pack-labels';
import { parsePackRequest } from './pack-params';
import type { Named, PackRequest } from './pack-types';

// /report.pptx, /report.docx (a period, public) and /reporting/:round/report.pptx, .docx (a
// round's pack, signed in like the round's board): the workshop pack as a download. The file is
// built off this thread (pack-jobs.server.ts); a HEAD never builds one.

const MEDIA_TYPES: Record<PackFormat, string> = {
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Nothing of a download may load or run anything, should a browser ever render it. */
const DOWNLOAD_POLICY = "default-src 'none'; sandbox; frame-ancestors 'none'";

const text = (status: number, message: string, headers: Record<string, string> = {}) =>
  new Response(`${message}\n`, {
    status,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      ...headers,
    },
  });

/**
 * The name a download suggests: ASCII (`iki-china-pack-2024-round-en+zh.pptx`) and in the pack's
 * languages, with the round's title as written in each (`对接研讨会资料 – 2024年报告轮次 (zh).pptx`).
 */
function fileNames(
  request: PackRequest,
  title: Named | null,
  format: PackFormat,
): { name: string; ascii: string } {
  const languages = request.languages.join('+');
  const scope = request.round ?? `${request.start}-${request.end}`;
  const ascii = `iki-china-pack-${scope}-${languages}.${format}`;
  const what = title
    ? [...new Set(request.languages.map((lang) => title[lang] ?? title.en))]
    : [`${request.start} – ${request.end}`];
  const pack = PACK_LABELS[request.languages[0]].packTitle;
  // No slash or control character survives into a file name on any system.
  const name = `${pack} – ${what.join(' · ')} (${languages}).${format}`.replace(
    /[\\/:*?"<>|\p{Cc}]/gu,
    '_',
  );
  return { name, ascii };
}

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const format: PackFormat = url.pathname.endsWith('.docx') ? 'docx' : 'pptx';
  const day = today();

  let round = null;
  if (params.round !== undefined) {
    const user = authorize(context, request, 'round.pack');
    round = getPackRound(params.round) ?? null;
    // A draft round is the hub team's own until it opens, as on its board.
    if (!round || (round.state === 'draft' && !isAllowed('editors', user))) {
      throw data(null, { status: 404 });
    }
  }

  const { request: packRequest, problems } = parsePackRequest(url.searchParams, {
    round: round && {
      slug: round.slug,
      periodStart: round.periodStart,
      periodEnd: round.periodEnd,
    },
    pageLang: 'en',
    today: day,
  });
  if (problems.length > 0) {
    return text(400, problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
  }

  const { name, ascii } = fileNames(packRequest, round?.title ?? null, format);
  const headers: Record<string, string> = {
    'Content-Type': MEDIA_TYPES[format],
    'Content-Disposition': attachmentHeader(name, ascii),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': DOWNLOAD_POLICY,
    // A round's pack is for the signed-in only; a period pack signed out may be kept a minute.
    ...(round || context.get(userContext) ? { 'Cache-Control': 'private, no-store' } : {}),
  };

  if (request.method === 'HEAD') {
    const kept = keptPackFile(format, packRequest, day);
    if (kept) headers['Content-Length'] = String(kept.byteLength);
    return new Response(null, { headers });
  }

  let bytes: Uint8Array;
  try {
    bytes = await packFile(format, packRequest, day);
  } catch (error) {
    if (!(error instanceof JobError)) throw error;
    if (error.kind === 'busy') {
      return text(429, error.message, { 'Retry-After': String(error.retryAfterS ?? 10) });
    }
    return text(422, error.message);
  }
  headers['Content-Length'] = String(bytes.byteLength);
  return new Response(bytes as Uint8Array<ArrayBuffer>, { headers });
}
