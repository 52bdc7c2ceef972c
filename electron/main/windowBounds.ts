export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

function overlap(a: Bounds, b: Bounds): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/**
 * The saved window position, if enough of it is still on a screen; a window remembered on a monitor that
 * has since been unplugged would otherwise open where nobody can see it.
 */
export function restorableBounds(saved: Bounds | null, workAreas: readonly Bounds[]): Bounds | null {
  if (!saved) return null;
  const visible = workAreas.reduce((total, area) => total + overlap(saved, area), 0);
  return visible >= saved.width * saved.height * 0.5 ? saved : null;
}
