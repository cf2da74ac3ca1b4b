import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatDay, formatShortDay } from "./statistics-format";

export interface ChartDay {
  date: string;
  sent: number;
  delivered: number;
  warnings: number;
  errors: number;
}

export type ChartSeries = "sent" | "delivered" | "warnings" | "errors";

// Warnings (the node chose not to send) in amber, Facebook's errors in the app's danger red.
const SERIES: Record<ChartSeries, { name: string; color: string }> = {
  sent: { name: "Messages sent", color: "#2952cc" },
  delivered: { name: "Messages delivered", color: "#1f8a4c" },
  warnings: { name: "Warning message (not sent)", color: "#d9730d" },
  errors: { name: "Errors (Facebook)", color: "#b42318" },
};

const ORDER: ChartSeries[] = ["sent", "delivered", "warnings", "errors"];

/** The daily figures of the chosen range as bars, oldest date on the left. */
export function DailyChart({ days, series }: { days: ChartDay[]; series: ChartSeries[] }) {
  return (
    <figure className="stats-chart" aria-label="Daily figures chart">
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="date" tickFormatter={formatShortDay} minTickGap={12} />
          <YAxis allowDecimals={false} />
          <Tooltip labelFormatter={(label) => formatDay(String(label))} />
          <Legend itemSorter={(item) => ORDER.indexOf(item.dataKey as ChartSeries)} />
          {series.map((key) => (
            <Bar
              key={key}
              dataKey={key}
              name={SERIES[key].name}
              fill={SERIES[key].color}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="visually-hidden">
        Daily figures; the table below lists the same numbers.
      </figcaption>
    </figure>
  );
}
