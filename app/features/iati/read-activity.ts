import { IATI_VERSIONS, isReadVersion } from './codes';
import {
  DPORTAL_ACTIVITIES_NS,
  type ElementNode,
  XML_NS,
  attr,
  child,
  children,
  parseNumber,
} from './read-tree';
import type { ReadLog, Tallies, Tally } from './read-log';
import { ActivityBuilder, type Chosen } from './read-activity-builder';

// The activity mapper: which activities of a file are kept (for the chosen countries, China unless
// told; the first copy; a version
// the hub reads) and handed on, built by read-activity-builder.ts.

/** What the root element says for the activities that do not say it themselves. */
export interface RootDefaults {
  version: string;
  lang: string;
}

/**
 * Keeps the activities of the chosen countries, each identifier once, and hands each on built. Its state
 * is the identifiers seen so far, with the line of their first copy.
 */
export class ActivityMapper {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly countries: ReadonlySet<string> | 'all',
    private readonly regions: ReadonlySet<string>,
    private readonly log: ReadLog,
    private readonly tallies: Tallies,
  ) {}

  /** An activity's end tag was read: `activityIgnored` is what it held that is not imported. */
  finish(node: ElementNode, activityIgnored: Tally, root: RootDefaults): void {
    const chosen = this.choose(node, root.version);
    if (!chosen) return;
    this.tallies.keep(node, activityIgnored);
    const lang =
      [...node.attrs.values()]
        .find((a) => a.uri === XML_NS)
        ?.value.trim()
        .toLowerCase()
        .slice(0, 2) || root.lang;
    const activity = new ActivityBuilder(node, chosen, lang, this.log).build();
    if (activity) this.log.handOn(activity);
  }

  private choose(node: ElementNode, rootVersion: string): Chosen | null {
    const identifier = child(node, 'iati-identifier')?.text.trim() ?? '';
    if (!identifier) {
      this.log.report('error', node.line, 'An activity has no <iati-identifier>.');
      return null;
    }
    const versionAttr = [...node.attrs.entries()]
      .find(
        ([name, a]) =>
          name === 'version' || (a.uri === DPORTAL_ACTIVITIES_NS && name.endsWith(':version')),
      )?.[1]
      .value.trim();
    if (versionAttr && !isReadVersion(versionAttr)) {
      this.log.report(
        'error',
        node.line,
        `Activity ${identifier} is IATI version ${versionAttr}; only ${IATI_VERSIONS.join(', ')} are read.`,
        identifier,
      );
      return null;
    }
    const countries = children(node, 'recipient-country').flatMap((c) => {
      const code = attr(c, 'code')?.toUpperCase();
      return code ? [{ code, percentage: parseNumber(attr(c, 'percentage')), line: c.line }] : [];
    });
    const regions = children(node, 'recipient-region').flatMap((r) => {
      const code = attr(r, 'code');
      return code ? [{ code, vocabulary: attr(r, 'vocabulary') }] : [];
    });
    const chosen = this.countries;
    const isChosen =
      chosen === 'all' ||
      countries.some((c) => chosen.has(c.code)) ||
      (chosen.has('CN') &&
        regions.some((r) => (r.vocabulary ?? '1') === '1' && this.regions.has(r.code)));
    if (!isChosen) {
      this.log.skip();
      return null;
    }
    const first = this.seen.get(identifier);
    if (first !== undefined) {
      this.log.report(
        'warning',
        node.line,
        `Activity ${identifier} appears again (first at line ${first}); this copy is skipped.`,
        identifier,
      );
      this.log.skip();
      return null;
    }
    this.seen.set(identifier, node.line);
    return { identifier, version: versionAttr ?? rootVersion, countries, regions };
  }
}
