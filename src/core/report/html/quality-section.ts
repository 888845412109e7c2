// The data-quality section: one block per analysed file with its SHA-256, what was read, what was
// skipped and why, the time range and the notices that change the meaning of the findings.

import type { FileReport } from '../../types.ts';
import { formatBytes, formatCount, formatTime } from './format-values.ts';
import { html, type SafeHtml } from './safe-html.ts';

export function qualitySection(files: readonly FileReport[]): SafeHtml {
  const body = files.length === 0 ? html`<p>No file was analysed.</p>` : files.map(fileBlock);
  return html`<section id="data-quality">
<h2>Data quality</h2>
<p class="muted">SHA-256 is the hash of each dropped file as read. Members of one archive share the archive's hash.</p>
${body}
</section>`;
}

function fileBlock(file: FileReport, index: number): SafeHtml {
  const skipped = file.skipped.map((skip) => {
    const lines = skip.firstLines.length === 0 ? '' : ` (first at line ${skip.firstLines.join(', ')})`;
    return html`<li>${skip.reason}: ${formatCount(skip.count)}${lines}</li>`;
  });

  return html`<h3>${index + 1}. <code>${file.name}</code></h3>
${file.error === undefined ? '' : html`<p class="error">${file.error}</p>`}
<dl class="facts">
<dt>SHA-256</dt><dd><code>${file.sha256 ?? 'not computed'}</code></dd>
<dt>Size</dt><dd>${formatBytes(file.sizeBytes)} (${formatCount(file.sizeBytes)} bytes)</dd>
<dt>Format, encoding</dt><dd>${file.format}, ${file.encoding}</dd>
<dt>Records read</dt><dd>${formatCount(file.recordsRead)}</dd>
<dt>MailItemsAccessed records</dt><dd>${formatCount(file.mailItemsAccessed)}</dd>
<dt>Duplicates removed</dt><dd>${formatCount(file.duplicatesRemoved)}</dd>
<dt>Skipped</dt><dd>${skipped.length === 0 ? 'none' : html`<ul class="values">${skipped}</ul>`}</dd>
<dt>Time range (UTC)</dt><dd>${formatTime(file.firstRecordTime)} to ${formatTime(file.lastRecordTime)}</dd>
</dl>
${file.notices.map((notice) => html`<p class="notice"><strong>${notice.code}</strong>: ${notice.message}</p>`)}`;
}
