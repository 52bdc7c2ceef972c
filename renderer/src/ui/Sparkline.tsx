import { parseISO } from 'date-fns';
import { formatMeasureValue, valuesInForce } from '../../../shared/domain/measures';
import type { Measure } from '../../../shared/model/measure';
import { formatDate } from './format';

const WIDTH = 180;
const HEIGHT = 44;
const PAD = 5;

/** A measure's dated values as a small line, with its target as a dashed line. Decorative: the figures are shown as text beside it. */
export function Sparkline({ measure }: { measure: Measure }) {
  const values = valuesInForce(measure);
  if (values.length < 2)
    return <span className="hint sparkline-empty">{values.length === 0 ? 'No values yet' : 'One value so far'}</span>;
  const times = values.map((point) => parseISO(point.date).getTime());
  const figures = [...values.map((point) => point.value), ...(measure.target === null ? [] : [measure.target])];
  const low = Math.min(...figures);
  const high = Math.max(...figures);
  const range = high - low || 1;
  const x = (time: number) => PAD + ((time - times[0]!) / Math.max(times.at(-1)! - times[0]!, 1)) * (WIDTH - 2 * PAD);
  const y = (value: number) => PAD + ((high - value) / range) * (HEIGHT - 2 * PAD);
  const points = values.map((point, index) => `${x(times[index]!).toFixed(1)},${y(point.value).toFixed(1)}`).join(' ');
  const last = values.at(-1)!;
  const description = values
    .map((point) => `${formatDate(point.date)} ${formatMeasureValue(measure, point.value)}`)
    .join(', ');
  return (
    <svg
      className="sparkline"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
      role="img"
      aria-label={`Values: ${description}`}
    >
      {measure.target !== null && (
        <line x1={PAD} x2={WIDTH - PAD} y1={y(measure.target)} y2={y(measure.target)} className="target">
          <title>Target {formatMeasureValue(measure, measure.target)}</title>
        </line>
      )}
      <polyline points={points} className="line" />
      {values.map((point, index) => (
        <circle
          key={point.date}
          cx={x(times[index]!)}
          cy={y(point.value)}
          r={point === last ? 3.5 : 2}
          className={point === last ? 'dot last' : 'dot'}
        >
          <title>
            {formatDate(point.date)}: {formatMeasureValue(measure, point.value)}
          </title>
        </circle>
      ))}
    </svg>
  );
}
