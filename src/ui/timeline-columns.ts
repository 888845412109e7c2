// Folds a sparse series of bins into a fixed number of screen columns, keeping the maximum of each
// column. A month of 10-minute bins is 4,320 points. One SVG shape per column instead of per bin
// bounds the chart's size by its width, and the maximum keeps every burst visible.

/** Distinct mailboxes per bin of one application, sparse: bins with no reads are left out. */
export interface BinSeries {
  /** Bin starts, Unix epoch seconds, ascending. */
  binStarts: readonly number[];
  /** Distinct mailboxes in each bin, parallel to `binStarts`. */
  mailboxes: readonly number[];
}

/** The time range a chart covers: from the first bin's start to the last bin's end. */
export interface TimeRange {
  start: number;
  end: number;
}

/**
 * Returns the maximum value per column when [range.start, range.end) is cut into `columnCount`
 * equal columns, with 0 where no bin falls. Bins outside the range are ignored.
 */
export function foldIntoColumns(series: BinSeries, range: TimeRange, columnCount: number): Uint32Array {
  const columns = new Uint32Array(columnCount);
  const length = range.end - range.start;
  if (length <= 0 || columnCount <= 0) {
    return columns;
  }

  for (let index = 0; index < series.binStarts.length; index += 1) {
    const time = series.binStarts[index] ?? 0;
    if (time < range.start || time >= range.end) {
      continue;
    }
    const column = Math.min(columnCount - 1, Math.floor(((time - range.start) / length) * columnCount));
    const value = series.mailboxes[index] ?? 0;
    if (value > (columns[column] ?? 0)) {
      columns[column] = value;
    }
  }
  return columns;
}

/**
 * Returns the number of columns to draw: one per bin while the bins fit in `maxColumns`, so a short
 * range keeps its own bins, and `maxColumns` otherwise.
 */
export function chooseColumnCount(range: TimeRange, spanSeconds: number, maxColumns: number): number {
  const bins = Math.max(1, Math.ceil((range.end - range.start) / spanSeconds));
  return Math.min(bins, maxColumns);
}

/**
 * Returns "nice" axis values from 0 to at least `maximum`: steps of 1, 2 or 5 times a power of ten,
 * about `targetCount` of them.
 */
export function niceTicks(maximum: number, targetCount: number): number[] {
  if (maximum <= 0) {
    return [0, 1];
  }
  const rough = maximum / Math.max(1, targetCount);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ?? 10 * power;
  const wholeStep = Math.max(1, Math.round(step));
  const ticks: number[] = [];
  for (let value = 0; value < maximum + wholeStep; value += wholeStep) {
    ticks.push(value);
  }
  return ticks;
}

/**
 * Returns an SVG path of one bar per non-zero column selected by `include`, in a coordinate space
 * where a column is 1 wide and the value axis runs from `maxValue` at the top (y = 0) to 0 at the
 * bottom (y = maxValue). Bars are 0.8 wide, so neighbours stay apart when drawn wide enough.
 */
export function barsPath(columns: Uint32Array, maxValue: number, include: (value: number) => boolean): string {
  const parts: string[] = [];
  for (let column = 0; column < columns.length; column += 1) {
    const value = columns[column] ?? 0;
    if (value === 0 || !include(value)) {
      continue;
    }
    parts.push(`M${column + 0.1} ${maxValue - value}h0.8v${value}h-0.8z`);
  }
  return parts.join('');
}

/** Returns an SVG path of full-height cells (0 to 1 on the y axis) for the non-zero columns selected by `include`. */
export function cellsPath(columns: Uint32Array, include: (value: number) => boolean): string {
  const parts: string[] = [];
  for (let column = 0; column < columns.length; column += 1) {
    const value = columns[column] ?? 0;
    if (value === 0 || !include(value)) {
      continue;
    }
    parts.push(`M${column} 0h1v1h-1z`);
  }
  return parts.join('');
}

/** Steps between time labels, in seconds: from 10 minutes to 30 days, each a whole number of the one before or of hours or days. */
const TIME_STEPS = [600, 1800, 3600, 2 * 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86_400, 2 * 86_400, 7 * 86_400, 14 * 86_400, 30 * 86_400];

/**
 * Returns label times inside the range at a round step (whole hours or UTC midnights), about
 * `targetCount` of them. Steps are aligned to the Unix epoch, so day steps fall on UTC midnight.
 */
export function timeTicks(range: TimeRange, targetCount: number): number[] {
  const rough = (range.end - range.start) / Math.max(1, targetCount);
  const step = TIME_STEPS.find((candidate) => candidate >= rough) ?? (TIME_STEPS.at(-1) ?? 86_400);
  const ticks: number[] = [];
  for (let time = Math.ceil(range.start / step) * step; time < range.end; time += step) {
    ticks.push(time);
  }
  return ticks;
}
