import type { Assessment } from '../../../../shared/model/matrix';
import type { IsoDate } from '../../../../shared/model/primitives';
import { formatDate } from '../../ui/format';
import { whoAssessed } from '../../../../shared/domain/recordedBy';

const WIDTH = 200;
const HEIGHT = 66;
const LEFT = 14;
const RIGHT = 6;
const TOP = 6;
const BOTTOM = 8;

/**
 * An area's assessed level over time as a step line: each assessment holds until the next, the last one until
 * today. Oldest first, as assessmentHistory returns them.
 */
export function LevelHistoryChart({
  history,
  today,
  areaName,
}: {
  history: readonly Assessment[];
  today: IsoDate;
  areaName: string;
}) {
  if (history.length === 0) return <span className="hint">No assessments yet</span>;
  // Dates without a time parse as UTC midnight: one parse per assessment, with none of date-fns' work per call.
  const times = history.map((assessment) => Date.parse(assessment.date));
  const start = times[0]!;
  const end = Math.max(Date.parse(today), times.at(-1)!);
  const span = Math.max(end - start, 1);
  const x = (time: number) => LEFT + ((time - start) / span) * (WIDTH - LEFT - RIGHT);
  const y = (level: number) => TOP + ((4 - level) / 3) * (HEIGHT - TOP - BOTTOM);

  let path = `M ${x(times[0]!)} ${y(history[0]!.level)}`;
  history.forEach((assessment, index) => {
    if (index === 0) return;
    path += ` H ${x(times[index]!)} V ${y(assessment.level)}`;
  });
  path += ` H ${x(end)}`;

  const description = history
    .map((assessment) => `${formatDate(assessment.date)}: level ${assessment.level}`)
    .join(', ');
  return (
    <svg
      className="level-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
      role="img"
      aria-label={`Level history for ${areaName}: ${description}`}
    >
      {[1, 2, 3, 4].map((level) => (
        <g key={level}>
          <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(level)} y2={y(level)} className="grid" />
          <text x={2} y={y(level) + 3} className="axis">
            {level}
          </text>
        </g>
      ))}
      <path d={path} className="step" />
      {history.map((assessment, index) => (
        <circle key={assessment.id} cx={x(times[index]!)} cy={y(assessment.level)} r={3} className="dot">
          <title>
            {formatDate(assessment.date)}: level {assessment.level} ({whoAssessed(assessment)})
          </title>
        </circle>
      ))}
    </svg>
  );
}
