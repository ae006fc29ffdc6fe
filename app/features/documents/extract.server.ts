import { Worker } from 'node:worker_threads';

import type { DocumentMediaType } from '../../../db/vocabulary';
import { workerScriptPath } from '../../core/jobs/worker-script.server';
import { EXTRACTABLE_MEDIA_TYPES, type ExtractResult } from './extract-types';

// Reading a file's text runs pdf.js or a zip and XML parser over bytes someone uploaded: each file
// is read in its own worker thread with a memory ceiling and a wall-time limit, and the worker is
// terminated when either is crossed, so a hostile file fails alone and the next one reads normally.

export interface ExtractLimits {
  /** Wall time for one file, in milliseconds; the worker is terminated when it runs out. */
  timeoutMs: number;
  /** The worker's heap ceiling (V8 old generation), in MB; crossing it is 'too-large'. */
  maxHeapMb: number;
  /** The file itself. */
  maxFileBytes: number;
  /** DOCX/PPTX: entries in the zip. */
  maxZipEntries: number;
  /** DOCX/PPTX: any one XML part, uncompressed. */
  maxPartBytes: number;
  /** DOCX/PPTX: all the parts read, uncompressed. */
  maxTotalBytes: number;
  /** DOCX/PPTX: uncompressed ÷ compressed size above which a part (over 1 MB) is refused. */
  maxCompressionRatio: number;
  /** Text kept in all (characters); the rest is cut off, the file still succeeds. */
  maxTextChars: number;
  /** Pages, slides or paragraph blocks kept. */
  maxParts: number;
  /** DOCX: paragraphs per block (one document_texts row). */
  paragraphsPerBlock: number;
}

export const DEFAULT_EXTRACT_LIMITS: ExtractLimits = {
  timeoutMs: 30_000,
  maxHeapMb: 256,
  maxFileBytes: 100 * 1024 * 1024,
  maxZipEntries: 5_000,
  maxPartBytes: 50 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxTextChars: 5 * 1024 * 1024,
  maxParts: 5_000,
  paragraphsPerBlock: 20,
};

/** Files read at once in this process; more wait their turn (each worker holds its own heap). */
const MAX_CONCURRENT = 2;
let running = 0;
const waiting: (() => void)[] = [];

/** The worker script (extract-worker.mjs), in the source tree or beside a build. */
function workerScript(): string {
  return workerScriptPath(import.meta.url, 'app/features/documents/extract-worker.mjs');
}

let script: string | undefined;

function runWorker(
  path: string,
  mediaType: DocumentMediaType,
  limits: ExtractLimits,
): Promise<ExtractResult> {
  script ??= workerScript();
  return new Promise((resolve) => {
    let done = false;
    const worker = new Worker(script!, {
      workerData: { path, mediaType, limits },
      // Plain JavaScript: none of the parent's flags (a loader such as tsx's, --input-type…).
      execArgv: [],
      resourceLimits: {
        maxOldGenerationSizeMb: limits.maxHeapMb,
        maxYoungGenerationSizeMb: 32,
        stackSizeMb: 4,
      },
      stdout: true,
      stderr: true,
    });
    const finish = (result: ExtractResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(
      () => finish({ ok: false, reason: 'timeout', detail: `${limits.timeoutMs} ms` }),
      limits.timeoutMs,
    );
    worker.on('message', (message: ExtractResult) => finish(message));
    worker.on('error', (error: Error & { code?: string }) =>
      finish(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? { ok: false, reason: 'too-large', detail: 'memory limit' }
          : { ok: false, reason: 'unreadable', detail: error.message },
      ),
    );
    worker.on('exit', (code) =>
      finish({ ok: false, reason: 'unreadable', detail: `worker exited (${code})` }),
    );
  });
}

/**
 * The text of a stored PDF, DOCX or PPTX file, one part per page, slide or block of paragraphs;
 * or why it could not be read. Never throws for a bad file.
 */
export async function extractDocumentText(
  path: string,
  mediaType: DocumentMediaType,
  limits?: Partial<ExtractLimits>,
): Promise<ExtractResult> {
  if (!EXTRACTABLE_MEDIA_TYPES.includes(mediaType)) {
    return { ok: false, reason: 'unreadable', detail: `no text reader for ${mediaType}` };
  }
  const all = { ...DEFAULT_EXTRACT_LIMITS, ...limits };
  if (running >= MAX_CONCURRENT) await new Promise<void>((go) => waiting.push(go));
  running++;
  try {
    return await runWorker(path, mediaType, all);
  } finally {
    running--;
    waiting.shift()?.();
  }
}
