import { createElement } from 'react';
import type { ReactNode } from 'react';
import type { RadarData, SvgNode } from '../../../../shared/domain/radarChart';
import { radarChart } from '../../../../shared/domain/radarChart';

// React spells SVG attributes in camelCase (stroke-width is strokeWidth); aria- attributes keep their hyphens.
function propName(name: string): string {
  return name.startsWith('aria-') ? name : name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** The chart's elements as React elements: the same drawing as the paper's picture, with no markup parsed. */
function toElement(node: SvgNode, key: number): ReactNode {
  const props: Record<string, string | number> = { key };
  for (const [name, value] of Object.entries(node.attrs)) props[propName(name)] = value;
  return createElement(node.tag, props, node.text, ...(node.children ?? []).map(toElement));
}

/** The matrix as a radar chart: the levels now (solid) against the last paper (dashed). */
export function RadarChart({ data }: { data: RadarData }) {
  return <div className="matrix-radar">{toElement(radarChart(data), 0)}</div>;
}
