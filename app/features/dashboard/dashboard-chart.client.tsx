import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  type Plugin,
  PointElement,
  Title,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';

// Only the parts the dashboard draws are registered: bars, lines, their scales, title, tooltip,
// legend.
Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Title,
  Tooltip,
  Legend,
);

export interface DashboardChartProps {
  kind: 'bar' | 'line';
  horizontal: boolean;
  /** Each category's full name (tooltip, and the table beside the chart). */
  labels: string[];
  /** Each category as the axis shows it: its short name or its name, wrapped onto lines. */
  axisLabels: string[][];
  series: { label: string; values: number[]; colour: string }[];
  /** Where clicking a bar leads (the list filtered to it), by index; null: nowhere. */
  hrefs: (string | null)[];
  /** The accessible name of the picture; the table under it has the numbers. */
  description: string;
  /** The chart's title, written on the PNG. */
  title: string;
  /** The frame's height in CSS pixels (the server-rendered placeholder has the same). */
  height: number;
  pngName: string;
  pngLabel: string;
}

type Data = Pick<DashboardChartProps, 'labels' | 'axisLabels' | 'series' | 'hrefs'>;

/** The PNG a reader takes to a meeting: this wide in CSS pixels, at twice the pixels. */
const PNG_WIDTH = 1200;
const PNG_PIXEL_RATIO = 2;

/** A white page under the chart (a canvas is transparent; a PNG on a dark slide is unreadable). */
const whiteBackground: Plugin = {
  id: 'whiteBackground',
  beforeDraw: (chart) => {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** Records on the canvas what its category axis shows, so that a reader's tests can check it. */
const tickRecord = (horizontal: boolean): Plugin => ({
  id: 'tickRecord',
  afterLayout: (chart) => {
    const scale = chart.scales[horizontal ? 'y' : 'x'];
    if (!scale) return;
    const lines = scale.ticks.map((t) => [t.label ?? ''].flat().map(String));
    const { ctx } = chart;
    ctx.save();
    ctx.font = `${Chart.defaults.font.size}px ${Chart.defaults.font.family}`;
    const widest = Math.max(0, ...lines.flat().map((l) => ctx.measureText(l).width));
    ctx.restore();
    const room = horizontal ? scale.width : scale.width / Math.max(1, lines.length);
    chart.canvas.dataset.ticks = JSON.stringify(lines.map((l) => l.join(' ')));
    chart.canvas.dataset.labelsFit = String(
      horizontal ? widest <= room + 1 : scale.labelRotation > 0 || widest <= room + 1,
    );
  },
});

function config(
  kind: DashboardChartProps['kind'],
  horizontal: boolean,
  data: Data,
  png: { title: string } | null,
): ChartConfiguration<'bar' | 'line', number[], string[]> {
  const font = png ? { size: 20 } : undefined;
  return {
    type: kind,
    data: {
      labels: data.axisLabels,
      datasets: data.series.map((s) => ({
        label: s.label,
        data: s.values,
        backgroundColor: s.colour,
        borderColor: s.colour,
      })),
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      responsive: !png,
      maintainAspectRatio: false,
      animation: false,
      // Numbers on the axes and in tooltips as the page's language writes them (40.000 in German).
      locale: document.documentElement.lang || 'en',
      ...(png ? { devicePixelRatio: PNG_PIXEL_RATIO } : {}),
      plugins: {
        legend: { display: data.series.length > 1, labels: { font } },
        title: png
          ? { display: true, text: png.title, font: { size: 28, weight: 'bold' }, padding: 16 }
          : { display: false },
        tooltip: { callbacks: { title: (items) => data.labels[items[0]?.dataIndex ?? 0] ?? '' } },
      },
      scales: {
        // Every category is labelled: Chart.js would otherwise skip every second one.
        [horizontal ? 'y' : 'x']: { ticks: { autoSkip: false, font } },
        [horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { precision: 0, font } },
      },
    },
    plugins: png ? [whiteBackground] : [tickRecord(horizontal)],
  };
}

/** The chart drawn again, large, titled, on white: the PNG's data URL. */
function pngOf(props: DashboardChartProps, data: Data): string {
  const holder = document.createElement('div');
  const height = Math.max(700, Math.round(props.height * 2));
  // Laid out (Chart.js reads the canvas's size from its style) but out of sight.
  holder.style.cssText = `position:fixed;left:-${PNG_WIDTH * 2}px;top:0;width:${PNG_WIDTH}px;height:${height}px`;
  const canvas = document.createElement('canvas');
  canvas.style.cssText = `width:${PNG_WIDTH}px;height:${height}px`;
  holder.append(canvas);
  document.body.append(holder);
  try {
    const chart = new Chart(canvas, config(props.kind, props.horizontal, data, props));
    const url = chart.toBase64Image('image/png', 1);
    chart.destroy();
    return url;
  } finally {
    holder.remove();
  }
}

/**
 * Charts are drawn one after another, each in a task of its own after the page has hydrated: a
 * dashboard's dozen charts drawn in one go held the main thread ~180 ms (~700 ms on Lighthouse's
 * 4× slower phone CPU), so a tap or a scroll waited for all of them (decision 0084).
 */
let drawing: Promise<void> = Promise.resolve();
function drawInTurn(draw: () => void): void {
  drawing = drawing.then(
    () =>
      new Promise<void>((resolve) => {
        setTimeout(() => {
          try {
            draw();
          } finally {
            resolve();
          }
        }, 0);
      }),
  );
}

/** One dashboard chart on a canvas. The same numbers are in the server-rendered table below it. */
export function DashboardChart(props: DashboardChartProps) {
  const { kind, horizontal, labels, axisLabels, series, hrefs, description, height } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar' | 'line', number[], string[]> | null>(null);
  const navigate = useNavigate();
  const data = JSON.stringify({ labels, axisLabels, series, hrefs });
  // Set once the chart is on its canvas (tests and readers of the page wait for it).
  const [isDrawn, setDrawn] = useState(false);

  useEffect(() => {
    let isCurrent = true;
    drawInTurn(() => {
      const node = canvas.current;
      if (!isCurrent || !node) return;
      // The page's fonts, so that Chinese and German labels draw with the CJK font installed.
      Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
      chart.current = drawChart(node);
      setDrawn(true);
    });
    const drawChart = (node: HTMLCanvasElement) => {
      const parsed = JSON.parse(data) as Data;
      const base = config(kind, horizontal, parsed, null);
      return new Chart(node, {
        ...base,
        options: {
          ...base.options,
          onHover: (event, elements) => {
            const target = event.native?.target as HTMLElement | undefined;
            if (target) {
              target.style.cursor =
                elements[0] && parsed.hrefs[elements[0].index] ? 'pointer' : 'default';
            }
          },
          onClick: (_event, elements) => {
            const href = elements[0] ? parsed.hrefs[elements[0].index] : null;
            if (href) void navigate(href);
          },
        },
      });
    };
    return () => {
      isCurrent = false;
      chart.current?.destroy();
      chart.current = null;
      setDrawn(false);
    };
  }, [data, kind, horizontal, navigate]);

  const downloadPng = () => {
    const link = document.createElement('a');
    link.href = pngOf(props, JSON.parse(data) as Data);
    link.download = props.pngName;
    link.click();
  };

  return (
    <>
      <div className="dashboard-chart__frame" style={{ height }}>
        <canvas
          ref={canvas}
          role="img"
          aria-label={description}
          data-chart-ready={isDrawn ? 'true' : undefined}
        />
      </div>
      <button type="button" className="dashboard-chart__png" onClick={downloadPng}>
        {props.pngLabel}
      </button>
    </>
  );
}
