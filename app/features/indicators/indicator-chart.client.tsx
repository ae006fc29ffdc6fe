import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'react';

// A project indicator's small chart: actual against target over its periods, as lines (as bars
// for a single period, where a line has nothing to join). Only what it draws is registered. The
// table beside it, server-rendered, holds the same numbers.
Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  Legend,
);

const TARGET_COLOUR = '#b0641c';
const ACTUAL_COLOUR = '#2f6f8f';

export interface IndicatorChartProps {
  /** Each period's label, in time order. */
  periods: string[];
  /** null where a period has no target or no actual (a gap, never a 0). */
  targets: (number | null)[];
  actuals: (number | null)[];
  targetLabel: string;
  actualLabel: string;
  /** The picture's accessible name; it points to the table. */
  description: string;
  height: number;
}

export function IndicatorChart(props: IndicatorChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const data = JSON.stringify(props);
  useEffect(() => {
    const node = canvas.current;
    if (!node) return;
    const p = JSON.parse(data) as IndicatorChartProps;
    // The page's fonts, so that Chinese and German labels draw with the CJK font installed.
    Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
    const bars = p.periods.length === 1;
    const chart = new Chart(node, {
      type: bars ? 'bar' : 'line',
      data: {
        labels: p.periods,
        datasets: [
          {
            label: p.targetLabel,
            data: p.targets,
            borderColor: TARGET_COLOUR,
            backgroundColor: bars ? 'rgba(176, 100, 28, 0.35)' : TARGET_COLOUR,
            borderWidth: 2,
            borderDash: bars ? [] : [6, 4],
            pointStyle: 'rectRot',
            pointRadius: 5,
          },
          {
            label: p.actualLabel,
            data: p.actuals,
            borderColor: ACTUAL_COLOUR,
            backgroundColor: ACTUAL_COLOUR,
            borderWidth: 2,
            pointStyle: 'circle',
            pointRadius: 5,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        // Numbers as the page's language writes them (40.000 in German).
        locale: document.documentElement.lang || 'en',
        spanGaps: false,
        plugins: {
          legend: {
            display: true,
            position: 'bottom',
            labels: { usePointStyle: true, pointStyleWidth: 14 },
          },
        },
        scales: { y: { beginAtZero: true } },
      },
    });
    return () => chart.destroy();
  }, [data]);
  return (
    <div className="indicator-chart__frame" style={{ height: props.height }}>
      <canvas ref={canvas} role="img" aria-label={props.description} data-chart-ready="true" />
    </div>
  );
}
