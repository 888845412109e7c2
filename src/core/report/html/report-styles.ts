// The report's only stylesheet, inlined in its <head>. System fonts only, so nothing is fetched,
// and a print layout that keeps tables readable on paper.

export const REPORT_STYLES = `
:root { color-scheme: light; --border: #c9ced6; --muted: #5b6472; --accent: #1f5fa8; --alert: #b3261e; --alert-bg: #fdecea; --note-bg: #fff7e0; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 24px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--accent); }
h3 { font-size: 15px; margin: 20px 0 6px; }
p { margin: 6px 0; }
nav ol { margin: 8px 0; padding-left: 20px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
table.stages, table.settings { width: auto; }
th, td { border: 1px solid var(--border); padding: 4px 6px; text-align: left; vertical-align: top; unicode-bidi: isolate; overflow-wrap: anywhere; }
th { background: #f1f3f6; font-weight: 600; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
code, .mono { font-family: ui-monospace, "Cascadia Mono", Consolas, monospace; font-size: 12.5px; unicode-bidi: isolate; overflow-wrap: anywhere; }
ul.values { list-style: none; margin: 0; padding: 0; }
ul.values li { unicode-bidi: isolate; }
ul.values.columns { columns: 3 18em; column-gap: 24px; }
article.finding { border: 1px solid var(--border); border-left: 4px solid var(--alert); padding: 4px 12px; margin: 12px 0; }
article.finding h3 { margin-top: 8px; }
article.finding.not-reported { border-left-color: #8a94a3; }
p.risk { margin: 4px 0 8px; }
.muted { color: var(--muted); }
.departure { color: var(--alert); font-weight: 600; }
.notice { background: var(--note-bg); border-left: 4px solid #c98a00; padding: 4px 8px; margin: 4px 0; }
.error { background: var(--alert-bg); border-left: 4px solid var(--alert); padding: 4px 8px; margin: 4px 0; }
tr.throttled td { background: var(--alert-bg); }
.throttled-flag { color: var(--alert); font-weight: 600; }
.invisible { color: var(--alert); background: var(--alert-bg); border: 1px solid var(--alert); border-radius: 3px; font-family: ui-monospace, Consolas, monospace; font-size: 11px; padding: 0 2px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; unicode-bidi: isolate; overflow-wrap: anywhere; }
svg.timeline { width: 100%; height: auto; max-width: 900px; display: block; }
svg.timeline .bar { fill: #8a94a3; }
svg.timeline .bar.over { fill: var(--alert); }
svg.timeline .axis { stroke: #8a94a3; stroke-width: 1; }
svg.timeline .threshold { stroke: var(--alert); stroke-width: 1; stroke-dasharray: 4 3; }
svg.timeline .tick { font-size: 10px; fill: var(--muted); }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  h2 { break-after: avoid; }
  tr, svg { break-inside: avoid; }
}
`;
