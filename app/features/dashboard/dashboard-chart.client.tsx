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
import { useNavigate } from 'react-router';

// Only the parts the dashboard draws are registered: bars, lines, their scales, tooltip, legend.
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

export interface DashboardChartProps {
  kind: 'bar' | 'line';
  horizontal: boolean;
  labels: string[];
  series: { label: string; values: number[]; colour: string }[];
  /** Where clicking a bar leads (the list filtered to it), by index; null: nowhere. */
  hrefs: (string | null)[];
  /** The accessible name of the picture; the table under it has the numbers. */
  description: string;
  pngName: string;
  pngLabel: string;
}

/** One dashboard chart on a canvas. The same numbers are in the server-rendered table below it. */
export function DashboardChart({
  kind,
  horizontal,
  labels,
  series,
  hrefs,
  description,
  pngName,
  pngLabel,
}: DashboardChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  const navigate = useNavigate();
  const data = JSON.stringify({ labels, series, hrefs });

  useEffect(() => {
    const node = canvas.current;
    if (!node) return;
    const parsed = JSON.parse(data) as Pick<DashboardChartProps, 'labels' | 'series' | 'hrefs'>;
    chart.current = new Chart(node, {
      type: kind,
      data: {
        labels: parsed.labels,
        datasets: parsed.series.map((s) => ({
          label: s.label,
          data: s.values,
          backgroundColor: s.colour,
          borderColor: s.colour,
        })),
      },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: parsed.series.length > 1 } },
        scales: { [horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { precision: 0 } } },
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
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [data, kind, horizontal, navigate]);

  const downloadPng = () => {
    const url = chart.current?.toBase64Image('image/png', 1);
    if (!url) return;
    const link = document.createElement('a');
    link.href = url;
    link.download = pngName;
    link.click();
  };

  return (
    <>
      <div className="dashboard-chart__frame">
        <canvas ref={canvas} role="img" aria-label={description} data-chart-ready="true" />
      </div>
      <button type="button" className="dashboard-chart__png" onClick={downloadPng}>
        {pngLabel}
      </button>
    </>
  );
}
