import { useId } from 'react';

import { TableScroll } from '../../core/ui/data-table';
import { type ChartSpec, chartAltText } from './pack-charts';

// A pack chart (pack-charts.ts) drawn as inline SVG on the server: the print view needs no
// script, prints sharp at any size and shows exactly the numbers of the spec. The picture is one
// image to assistive technology (its name lists every number); the same numbers follow in a table
// that screen readers, search and a reader with a pen can use.

const WIDTH = 400;
const FONT = 15;
const BAR = 16;
const SERIES_FILL = ['#0b5d4b', '#7fa99d'];
const GROUP_FILL = ['#a9c4bc', '#0b5d4b'];

/** Roughly how wide a text is in SVG units: CJK and full-width signs count a whole em. */
function textWidth(text: string, size: number): number {
  let width = 0;
  for (const char of text) width += /[\u2e80-\uffef]/.test(char) ? size : size * 0.56;
  return width;
}

/** A label broken into lines that fit `max` units (at most three; the last one shortened). */
export function wrapText(text: string, max: number, size = FONT, maxLines = 3): string[] {
  const words = text.split(/(?<=[\s/])|(?=[\u2e80-\uffef])/u);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line + word;
    if (line !== '' && textWidth(next.trimEnd(), size) > max) {
      lines.push(line.trimEnd());
      line = word.trimStart();
    } else {
      line = next;
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (last.length > 1 && textWidth(`${last}…`, size) > max) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return kept;
}

/** "2024-12-31" → "2024"; another period end → "2024-06": the table below has the full date. */
function shortPeriod(value: string): string {
  if (/^\d{4}-12-31$/.test(value)) return value.slice(0, 4);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value.slice(0, 7) : value;
}

type Format = (n: number) => string;

function horizontalBars({ spec, format }: { spec: ChartSpec; format: Format }) {
  const values = spec.series[0]?.values ?? [];
  const max = Math.max(1, ...values.map((v) => v ?? 0));
  const room = WIDTH - 70;
  let y = 4;
  const rows = spec.categories.map((category, i) => {
    const lines = wrapText(category, WIDTH - 8);
    const value = values[i] ?? null;
    const top = y + lines.length * (FONT + 3);
    const length = value === null ? 0 : Math.max(value > 0 ? 2 : 0, (value / max) * room);
    const row = (
      <g key={i}>
        <text x={0} y={y + FONT} fontSize={FONT} fill="currentColor">
          {lines.map((text, n) => (
            <tspan key={n} x={0} dy={n === 0 ? 0 : FONT + 3}>
              {text}
            </tspan>
          ))}
        </text>
        {value === null ? null : (
          <rect
            className="pack-chart__bar"
            x={0}
            y={top + 2}
            width={length}
            height={BAR}
            fill={SERIES_FILL[0]}
            rx={1}
          />
        )}
        <text x={length + 6} y={top + 2 + BAR - 2} fontSize={FONT} fill="currentColor">
          {value === null ? '–' : format(value)}
        </text>
      </g>
    );
    y = top + BAR + 12;
    return row;
  });
  return { height: y, body: rows };
}

function groupedBars({ spec, format }: { spec: ChartSpec; format: Format }) {
  const height = 200;
  const legend = 22;
  const base = height - 26;
  const top = legend + 18;
  const all = spec.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const max = Math.max(1, ...all);
  const groupWidth = WIDTH / Math.max(1, spec.categories.length);
  const barWidth = Math.min(28, (groupWidth * 0.7) / Math.max(1, spec.series.length));
  const valueFont = groupWidth < 70 ? 9 : 11;
  const body = (
    <>
      {spec.series.map((series, s) => {
        const x = s * 130;
        return (
          <g key={`legend-${s}`}>
            <rect x={x} y={4} width={12} height={12} fill={GROUP_FILL[s % GROUP_FILL.length]} />
            <text x={x + 17} y={15} fontSize={12} fill="currentColor">
              {wrapText(series.name, 110, 12, 1)[0]}
            </text>
          </g>
        );
      })}
      <line x1={0} x2={WIDTH} y1={base} y2={base} stroke="currentColor" strokeWidth={1} />
      {spec.categories.map((category, i) => {
        const center = groupWidth * (i + 0.5);
        const first = center - (barWidth * spec.series.length) / 2;
        return (
          <g key={i}>
            {spec.series.map((series, s) => {
              const value = series.values[i] ?? null;
              const x = first + s * barWidth;
              const h = value === null ? 0 : Math.max(0, (value / max) * (base - top));
              return (
                <g key={s}>
                  {value === null ? null : (
                    <rect
                      className="pack-chart__bar"
                      x={x + 1}
                      y={base - h}
                      width={barWidth - 2}
                      height={h}
                      fill={GROUP_FILL[s % GROUP_FILL.length]}
                    />
                  )}
                  <text
                    x={x + barWidth / 2}
                    y={base - h - 4}
                    fontSize={valueFont}
                    textAnchor="middle"
                    fill="currentColor"
                  >
                    {value === null ? '–' : format(value)}
                  </text>
                </g>
              );
            })}
            <text x={center} y={base + 17} fontSize={12} textAnchor="middle" fill="currentColor">
              {shortPeriod(category)}
            </text>
          </g>
        );
      })}
    </>
  );
  return { height, body };
}

/**
 * A chart and its numbers: the SVG picture and a table with one row per category.
 * `categoryHeading` names the table's first column (the chart's categories).
 */
export function ChartFigure({
  spec,
  categoryHeading,
  format,
  compact = false,
}: {
  spec: ChartSpec;
  categoryHeading: string;
  format: Format;
  /** A project's small chart: narrower on a wide screen. */
  compact?: boolean;
}) {
  const titleId = useId();
  const { height, body } =
    spec.kind === 'bars' ? horizontalBars({ spec, format }) : groupedBars({ spec, format });
  const cell = (v: number | null) => (v === null ? '–' : format(v));
  return (
    <figure className={compact ? 'pack-chart pack-chart--compact' : 'pack-chart'}>
      {/* A project's small chart sits under its indicator's name: the caption names its table. */}
      <figcaption id={titleId} className={compact ? 'visually-hidden' : 'pack-chart__title'}>
        {spec.title}
        {spec.unit ? <span className="pack-chart__unit"> ({spec.unit})</span> : null}
      </figcaption>
      <svg
        className="pack-chart__svg"
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={chartAltText(spec)}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title>{spec.title}</title>
        {body}
      </svg>
      <TableScroll labelledBy={titleId}>
        <table className="pack-table pack-chart__table" aria-labelledby={titleId}>
          <thead>
            <tr>
              <th scope="col">{categoryHeading}</th>
              {spec.series.map((s) => (
                <th key={s.name} scope="col" className="num">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {spec.categories.map((category, i) => (
              <tr key={`${category}-${i}`}>
                <th scope="row">{category}</th>
                {spec.series.map((s) => (
                  <td key={s.name} className="num">
                    {cell(s.values[i] ?? null)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </figure>
  );
}
