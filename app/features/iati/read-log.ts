import type { SaxesAttributeNS } from 'saxes';

import { HUB_NS } from './codes';
import type { IatiActivity, ReadItem, ReadSummary, Severity } from './read-types';
import {
  DPORTAL_ACTIVITIES_NS,
  DPORTAL_DSTORE_NS,
  type ElementNode,
  XML_NS,
  XMLNS_NS,
} from './read-tree';

/** At most this many problems are listed one by one; the rest are only counted. */
export const MAX_LISTED_PROBLEMS = 1000;

/**
 * What reading a file has found so far: the summary's counts, and the activities and problems
 * waiting to be handed on after the chunk being parsed.
 */
export class ReadLog {
  readonly summary: ReadSummary = {
    activities: 0,
    skipped: 0,
    errors: 0,
    warnings: 0,
    bytesRead: 0,
  };
  private readonly queue: ReadItem[] = [];
  private listed = 0;

  report(severity: Severity, line: number, message: string, identifier?: string): void {
    if (severity === 'error') this.summary.errors += 1;
    else this.summary.warnings += 1;
    this.listed += 1;
    if (this.listed <= MAX_LISTED_PROBLEMS) {
      this.queue.push({
        kind: 'problem',
        problem: identifier ? { severity, line, message, identifier } : { severity, line, message },
      });
    }
  }

  skip(): void {
    this.summary.skipped += 1;
  }

  handOn(activity: IatiActivity): void {
    this.summary.activities += 1;
    this.queue.push({ kind: 'activity', activity });
  }

  *drain(): Generator<ReadItem> {
    while (this.queue.length) yield this.queue.shift()!;
  }
}

/** Something counted by kind, with the line it was first seen at. */
export type Tally = Map<string, { line: number; count: number }>;

export function tally(map: Tally, key: string, line: number): void {
  const entry = map.get(key) ?? { line, count: 0 };
  entry.count += 1;
  map.set(key, entry);
}

/**
 * File-wide tallies, reported once at the end rather than once per element: attributes of other
 * namespaces, and elements the hub does not import. An activity's own count only if it is kept.
 */
export class Tallies {
  private readonly foreign = new Map<string, { names: Set<string>; line: number; count: number }>();
  private readonly ignored: Tally = new Map();

  /** Counts attributes of namespaces other than IATI's, xml: and ours (read ones excepted). */
  noteForeign(attrs: Record<string, SaxesAttributeNS>, line: number, read: string[] = []): void {
    for (const [name, a] of Object.entries(attrs)) {
      if (a.uri === '' || a.uri === XML_NS || a.uri === HUB_NS || a.uri === XMLNS_NS) continue;
      if (a.prefix === 'xmlns' || name === 'xmlns' || read.includes(name)) continue;
      this.addForeign(a.uri, name, line);
    }
  }

  /** An element outside any activity: it is not imported. */
  noteIgnored(what: string, line: number): void {
    tally(this.ignored, what, line);
  }

  /** Adds a kept activity: the foreign attributes in its tree and the elements it ignored. */
  keep(node: ElementNode, activityIgnored: Tally): void {
    this.noteForeignInTree(node);
    for (const [what, entry] of activityIgnored) {
      const total = this.ignored.get(what) ?? { line: entry.line, count: 0 };
      total.count += entry.count;
      this.ignored.set(what, total);
    }
  }

  reportTo(log: ReadLog): void {
    for (const [uri, entry] of this.foreign) {
      log.report(
        'warning',
        entry.line,
        `Attributes of namespace ${uri} (${[...entry.names].join(', ')}) are not IATI and are ignored (${entry.count} in the activities read, the first here).`,
      );
    }
    for (const [what, entry] of this.ignored) {
      log.report(
        'warning',
        entry.line,
        `${what} is not imported (${entry.count} in the activities read, the first here).`,
      );
    }
  }

  private noteForeignInTree(node: ElementNode): void {
    for (const [name, a] of node.attrs) {
      if (a.uri === '' || a.uri === XML_NS || a.uri === HUB_NS) continue;
      if (a.uri === DPORTAL_ACTIVITIES_NS && name.endsWith(':version')) continue;
      if (a.uri === DPORTAL_DSTORE_NS && name.endsWith(':dataset')) continue;
      this.addForeign(a.uri, name, node.line);
    }
    for (const c of node.children) this.noteForeignInTree(c);
  }

  private addForeign(uri: string, name: string, line: number): void {
    const entry = this.foreign.get(uri) ?? { names: new Set<string>(), line, count: 0 };
    entry.names.add(name);
    entry.count += 1;
    this.foreign.set(uri, entry);
  }
}
