// How a dashboard chart names its categories on the axis: every category shown (no skipping),
// long names wrapped onto several lines, an organisation by its short name where it has one (the
// full name is in the tooltip and in the table beside the chart).

/**
 * At most this many characters on a line of an axis label (CJK characters count double). Chart.js
 * gives a vertical axis at most half the chart's width: on a 360 px phone that is about 16 Latin
 * characters at its default 12 px.
 */
export const AXIS_LINE_WIDTH = 16;

const width = (text: string) =>
  [...text].reduce((n, c) => n + (/[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/.test(c) ? 2 : 1), 0);

/**
 * A label as lines of at most `max` columns: broken between words, and a word longer than a line
 * (or Chinese text, which has no spaces) broken between characters. Nothing is cut off.
 */
export function wrapLabel(label: string, max = AXIS_LINE_WIDTH): string[] {
  const lines: string[] = [];
  let line = '';
  const push = () => {
    if (line) lines.push(line);
    line = '';
  };
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const joined = line ? `${line} ${word}` : word;
    if (width(joined) <= max) {
      line = joined;
      continue;
    }
    push();
    if (width(word) <= max) {
      line = word;
      continue;
    }
    for (const char of word) {
      if (width(line + char) > max) push();
      line += char;
    }
  }
  push();
  return lines.length ? lines : [label];
}
