import { useId, useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import { assessmentPointText, LEVEL_CHART, nearestPoint } from '../../../../shared/domain/levelChart';
import type { LevelChart } from '../../../../shared/domain/levelChart';
import './matrix.css';

const { width: WIDTH, height: HEIGHT, left: LEFT, right: RIGHT } = LEVEL_CHART;

/** The arrow keys step through the assessments; Home and End go to the first and the latest. */
function keyedIndex(key: string, active: number | null, last: number): number | null {
  const from = active ?? last;
  if (key === 'ArrowLeft') return Math.max(0, from - 1);
  if (key === 'ArrowRight') return Math.min(last, from + 1);
  if (key === 'Home') return 0;
  if (key === 'End') return last;
  return null;
}

/**
 * An area's assessed level over time as a step line with a dot per assessment. One tooltip serves every dot:
 * it shows the assessment nearest the pointer, or, with the chart focused, the one chosen with the arrow keys
 * (announced as it changes), so who assessed each is reachable without a mouse.
 */
export function LevelHistoryChart({
  chart,
  description,
}: {
  chart: LevelChart | null;
  /** The chart in words, for its accessible name. */
  description: string;
}) {
  const [active, setActive] = useState<number | null>(null);
  const tipId = useId();
  if (!chart) return <span className="hint">No assessments yet</span>;
  const last = chart.points.length - 1;
  const point = active === null ? null : (chart.points[active] ?? null);

  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    setActive(nearestPoint(chart.points, ((event.clientX - box.left) / box.width) * WIDTH));
  };
  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    if (event.key === 'Escape') return setActive(null);
    const next = keyedIndex(event.key, active, last);
    if (next === null) return;
    event.preventDefault();
    setActive(next);
  };

  return (
    <div className="level-chart-box">
      <svg
        className="level-chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width={WIDTH}
        height={HEIGHT}
        role="img"
        aria-label={description}
        aria-describedby={tipId}
        aria-keyshortcuts="ArrowLeft ArrowRight Home End"
        tabIndex={0}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setActive(null)}
        onFocus={() => setActive(last)}
        onBlur={() => setActive(null)}
        onKeyDown={onKeyDown}
      >
        {chart.levels.map(({ level, y }) => (
          <g key={level}>
            <line x1={LEFT} x2={WIDTH - RIGHT} y1={y} y2={y} className="grid" />
            <text x={2} y={y + 3} className="axis">
              {level}
            </text>
          </g>
        ))}
        <path d={chart.line} className="step" />
        <path d={chart.dots} className="dot" />
        {point && <circle cx={point.x} cy={point.y} r={LEVEL_CHART.dot + 1} className="dot-active" />}
      </svg>
      <span
        id={tipId}
        className="chart-tip"
        aria-live="polite"
        style={point ? { left: point.x, top: point.y } : undefined}
      >
        {point ? assessmentPointText(point.assessment) : ''}
      </span>
    </div>
  );
}
