// A custom series' rectangle on a time axis: the enum timeline's state bars, the heatmap's cells.

/**
 * The rectangle from time `start` to `end` on category row `row`, clipped to the grid, filled with
 * the colour the series (or its visual map) gives the item; `share` of the row's height, and at
 * least `minWidth` pixels wide so that short spans stay visible.
 */
export function timeBand(params, api, { start, end, row, share = 1, minWidth = 1 }) {
  const a = api.coord([start, row]);
  const b = api.coord([end, row]);
  const height = api.size([0, 1])[1] * share;
  const grid = params.coordSys;
  const x0 = Math.max(a[0], grid.x);
  const x1 = Math.min(b[0], grid.x + grid.width);
  if (x1 <= x0 - 0.5) return null;
  return {
    type: 'rect',
    shape: { x: x0, y: a[1] - height / 2, width: Math.max(x1 - x0, minWidth), height },
    style: { fill: api.visual('color') },
  };
}
