// The dashboard's ECharts canvas: only the chart kinds the dashboard draws (line,
// bar, map with a continuous visual map), so its chunk stays small; never imported
// by the resident pages. A chart is an image for assistive technology, named by `label`.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, MapChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([
  BarChart,
  LineChart,
  MapChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
  CanvasRenderer,
]);

export interface ChartClick {
  name: string;
  dataIndex: number;
  data: unknown;
}

export default function DashChart({
  option,
  label,
  height = 300,
  map,
  onClick,
  testId,
}: {
  option: EChartsCoreOption;
  label: string;
  height?: number;
  /** A GeoJSON FeatureCollection registered under `name` before the option is set. */
  map?: { name: string; geoJson: object };
  onClick?: (p: ChartClick) => void;
  testId?: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    if (!el.current) return;
    if (map)
      echarts.registerMap(map.name, map.geoJson as Parameters<typeof echarts.registerMap>[1]);
    const chart = echarts.init(el.current);
    chart.setOption(option);
    chart.on('click', (p) => click.current?.(p as unknown as ChartClick));
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [option, map]);
  return (
    <div
      ref={el}
      style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }}
      role="img"
      aria-label={label}
      data-testid={testId}
    />
  );
}
