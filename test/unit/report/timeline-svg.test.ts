import { describe, expect, it } from 'vitest';

import { timeAxisOf, timelineSvg } from '../../../src/core/report/html/timeline-svg.ts';
import type { ReportTimeline } from '../../../src/core/report/report-input.ts';

const START = Date.UTC(2024, 2, 14, 3, 0) / 1000;

const timeline: ReportTimeline = {
  spanSeconds: 600,
  threshold: 5,
  series: [
    {
      clientAppId: '7d3c1a52-9e0b-4f61-b8a2-5c4e2f1d9a03',
      bins: [
        { binStart: START, mailboxes: 2 },
        { binStart: START + 1200, mailboxes: 10 },
      ],
    },
    { clientAppId: 'c4f2e8a1-3b7d-4e95-a06c-1f8b2d7e5c40', bins: [{ binStart: START + 5400, mailboxes: 5 }] },
  ],
};

function rects(svg: string): { className: string; x: number; y: number; width: number; height: number }[] {
  return [...svg.matchAll(/<rect class="([^"]+)" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g)].map((match) => ({
    className: match[1] ?? '',
    x: Number(match[2]),
    y: Number(match[3]),
    width: Number(match[4]),
    height: Number(match[5]),
  }));
}

describe('timeAxisOf', () => {
  it('spans every series from the first bin to the end of the last', () => {
    expect(timeAxisOf(timeline)).toEqual({ start: START, end: START + 6000 });
  });

  it('is undefined without bins', () => {
    expect(timeAxisOf({ ...timeline, series: [{ clientAppId: 'x', bins: [] }] })).toBeUndefined();
  });
});

describe('timelineSvg', () => {
  const axis = { start: START, end: START + 6000 };

  it('draws a bar per bin, red over the threshold', () => {
    const [series] = timeline.series;
    if (series === undefined) throw new Error('No series.');
    const svg = timelineSvg(series, timeline, axis, 'rogue reader').html;
    const bars = rects(svg);

    expect(bars.map((bar) => bar.className)).toEqual(['bar', 'bar over']);
    // 672 units of plot width for 6,000 s: a 600 s bin is 67.2 units wide, the second starts 134.4 units in.
    expect(bars[0]).toMatchObject({ x: 40, width: 67.2 });
    expect(bars[1]).toMatchObject({ x: 174.4, width: 67.2 });
    // 92 units of plot height for a scale of 0 to 10 mailboxes.
    expect(bars[0]?.height).toBeCloseTo(18.4, 1);
    expect(bars[1]?.height).toBeCloseTo(92, 1);
    expect(svg).toContain('<line class="threshold" x1="40" y1="54" x2="712" y2="54"/>');
  });

  it('keeps the threshold line inside the chart when no bin reaches it', () => {
    const [, series] = timeline.series;
    if (series === undefined) throw new Error('No series.');
    const svg = timelineSvg(series, timeline, axis, 'quiet tool').html;

    expect(rects(svg).map((bar) => bar.className)).toEqual(['bar']);
    // A scale of 0 to 6 puts the threshold of 5 at 8 + 92 / 6.
    expect(svg).toContain('y1="23.3"');
  });

  it('describes the chart for screen readers', () => {
    const [series] = timeline.series;
    if (series === undefined) throw new Error('No series.');
    const svg = timelineSvg(series, timeline, axis, 'rogue <reader>').html;

    expect(svg).toContain('<title>rogue &lt;reader&gt;: distinct mailboxes per bin from 2024-03-14T03:00:00Z to 2024-03-14T04:40:00Z, peak 10, 1 bin over the threshold of 5.</title>');
    expect(svg).toContain('<title>2024-03-14T03:20:00Z: 10 mailboxes</title>');
  });

  it('keeps a bin of a month-long axis visible', () => {
    const [series] = timeline.series;
    if (series === undefined) throw new Error('No series.');
    const month = { start: START, end: START + 30 * 86_400 };
    const bars = rects(timelineSvg(series, timeline, month, 'month').html);

    expect(bars.every((bar) => bar.width === 1)).toBe(true);
  });
});
