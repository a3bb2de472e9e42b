import { useTheme } from '@mui/material';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export type Series = { key: string; name: string; color?: string };

/**
 * A bar chart of rows such as `{ label: 'New', count: 3 }`, described for screen readers by its
 * title (the figures are in the table beside or below each chart too).
 */
export const BarPanel = ({
  data,
  series,
  title,
  testId,
  height = 240,
}: {
  data: Record<string, unknown>[];
  series: Series[];
  title: string;
  testId: string;
  height?: number;
}) => {
  const theme = useTheme();
  const palette = [theme.palette.primary.main, theme.palette.success.main, theme.palette.warning.main, theme.palette.error.main];
  return (
    <figure role="figure" aria-label={title} data-testid={testId} style={{ margin: 0, width: '100%', height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          {series.length > 1 ? <Legend /> : null}
          {series.map((serie, index) => (
            <Bar key={serie.key} dataKey={serie.key} name={serie.name} fill={serie.color ?? palette[index % palette.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
};
