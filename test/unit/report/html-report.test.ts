import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import type { AllowListEntry } from '../../../src/core/allow-list/allow-list-entry.ts';
import { applyAllowList } from '../../../src/core/allow-list/apply-allow-list.ts';
import { ESCU_SETTINGS } from '../../../src/core/detect/detection-settings.ts';
import { escapeHtml, textHtml } from '../../../src/core/report/html/safe-html.ts';
import { buildHtmlReport } from '../../../src/core/report/html-report.ts';
import type { ReportInput } from '../../../src/core/report/report-input.ts';
import { findingId } from '../../../src/core/risk/finding-risk.ts';
import { analyzeJsonLines, jsonLinesBytes, readGenerated, reportInputOf } from './analyzed-fixture.ts';
import { HOSTILE_CLIENT_INFO, HOSTILE_IP, HOSTILE_USERS, hostileSweep } from './hostile-records.ts';

const HOSTILE_FILE_NAME = 'hostile\u202Egnp.jsonl';

const ARCHIVING_CONNECTOR = '5b9e7c31-0d2a-4c8f-9e61-a3b4c5d6e7f8';

async function plantedAndHostile() {
  const files = [
    { name: 'planted.jsonl', bytes: readGenerated('planted.jsonl') },
    { name: HOSTILE_FILE_NAME, bytes: jsonLinesBytes(hostileSweep()) },
  ];
  const analyzed = await analyzeJsonLines(files);
  const input = reportInputOf(analyzed);
  return { files, analyzed, input, page: buildHtmlReport(input) };
}

/** Returns every start tag in the page, with its attributes. */
function startTags(page: string): string[] {
  return [...page.matchAll(/<[a-zA-Z][^>]*>/g)].map((match) => match[0]);
}

describe('buildHtmlReport of a realistic analysis', () => {
  it('contains each finding with its fields and risk message', async () => {
    const { analyzed, page } = await plantedAndHostile();

    expect(analyzed.result.findings).toHaveLength(6);
    for (const finding of analyzed.result.findings) {
      const id = findingId(finding);
      expect(page).toContain(`<article class="finding" id="finding-${id}">`);
      expect(page).toContain(`<article id="drill-down-${id}">`);
      expect(page).toContain(textHtml(finding.clientInfoString));
      expect(page).toContain(
        textHtml(`An Oauth application identified with id ${finding.clientAppId} accessed multiple mailboxes in a short period of time via an API.`),
      );
      for (const user of finding.users) expect(page).toContain(`<li><code>${textHtml(user)}</code></li>`);
      for (const ip of finding.srcIps) expect(page).toContain(`<li><code>${textHtml(ip)}</code></li>`);
    }
  });

  it('names the application when it is a known Microsoft one', async () => {
    const { page } = await plantedAndHostile();

    // The hostile sweep keeps the sample's ClientAppId, Microsoft Exchange Web Services.
    expect(page).toContain('<code>47629505-c2b6-4a80-adb1-9b3a3d233b7b</code> Microsoft Exchange Web Services');
    expect(page).toContain('<code>7d3c1a52-9e0b-4f61-b8a2-5c4e2f1d9a03</code> <span class="muted">(not a known Microsoft application)</span>');
  });

  it('renders attack strings as inert text', async () => {
    const { page } = await plantedAndHostile();
    const tags = startTags(page);

    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<img/i);
    expect(tags.filter((tag) => /\son\w+\s*=/i.test(tag))).toEqual([]);
    expect(tags.filter((tag) => /^<svg/i.test(tag)).every((tag) => tag.startsWith('<svg class="timeline"'))).toBe(true);
    expect(page).toContain('&lt;script&gt;alert(&quot;cis&quot;)&lt;/script&gt;');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;@contoso.example');
    expect(page).toContain('&quot;&gt;&lt;svg onload=alert(3)&gt;@contoso.example');
    expect(page).toContain('o&#39;brien&amp;co@contoso.example');
    expect(page).toContain(escapeHtml(HOSTILE_IP));
    expect(page).toContain(textHtml(HOSTILE_CLIENT_INFO));
    for (const user of HOSTILE_USERS) expect(page).toContain(textHtml(user));
  });

  it('links only inside the page', async () => {
    const { page } = await plantedAndHostile();
    const hrefs = [...page.matchAll(/\shref="([^"]*)"/g)].map((match) => match[1] ?? '');

    expect(hrefs.length).toBeGreaterThan(10);
    expect(hrefs.filter((href) => !/^#[\w-]+$/.test(href))).toEqual([]);
    expect(page).toContain('javascript:alert(2)//@contoso.example');
    expect(startTags(page).filter((tag) => /javascript:/i.test(tag))).toEqual([]);
  });

  it('makes bidi controls visible', async () => {
    const { page } = await plantedAndHostile();

    expect(page).not.toMatch(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/);
    expect(page).toContain('hostile<span class="invisible">⟨U+202E⟩</span>gnp.jsonl');
    expect(page).toContain('invoice<span class="invisible">⟨U+202E⟩</span>fdp.exe@contoso.example');
    expect(page).toContain('isolate<span class="invisible">⟨U+2066⟩</span>start<span class="invisible">⟨U+2069⟩</span>@contoso.example');
  });

  it('makes no request of its own', async () => {
    const { page } = await plantedAndHostile();

    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:; base-uri &#39;none&#39;; form-action &#39;none&#39;">`);
    const style = /<style>([^<]*)<\/style>/.exec(page)?.[1] ?? '';

    expect(style.length).toBeGreaterThan(1000);
    expect(style).not.toMatch(/url\(|@import|@font-face/i);
    expect(startTags(page).filter((tag) => /\s(src|srcset|data|action|poster|background)=/i.test(tag))).toEqual([]);
    expect(page).not.toMatch(/https?:\/\//i);
    expect(page).not.toMatch(/<(link|iframe|object|embed|form|base|meta http-equiv="refresh")/i);
  });

  it('lists each input file with its SHA-256', async () => {
    const { files, page } = await plantedAndHostile();

    for (const file of files) {
      expect(page).toContain(`<dt>SHA-256</dt><dd><code>${createHash('sha256').update(file.bytes).digest('hex')}</code></dd>`);
      expect(page).toContain(`<code>${textHtml(file.name)}</code></h3>`);
    }
  });

  it('has every section in order', async () => {
    const { page } = await plantedAndHostile();
    const sectionIds = [...page.matchAll(/<section id="([\w-]+)">/g)].map((match) => match[1]);

    expect(sectionIds).toEqual(['summary', 'data-quality', 'findings', 'drill-downs', 'timeline']);
    expect(page.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(page.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('charts every application in the timeline', async () => {
    const { input, page } = await plantedAndHostile();
    const charts = page.match(/<svg class="timeline"/g) ?? [];

    expect(charts).toHaveLength(input.timeline?.series.length ?? -1);
    expect(page.match(/<rect class="bar over"/g)?.length).toBeGreaterThanOrEqual(6);
  });

  it('states the settings are ESCU’s and the version', async () => {
    const { page } = await plantedAndHostile();

    expect(page).toContain('<p>These are the settings of the published ESCU search.</p>');
    expect(page).toContain('by Mailsweep 0.1.0-test');
    expect(page).not.toContain('class="departure"');
  });
});

describe('buildHtmlReport details', () => {
  it('labels each departure from ESCU', async () => {
    const settings = { ...ESCU_SETTINGS, spanSeconds: 900, identity: 'MailboxOwnerUPN' as const };
    const analyzed = await analyzeJsonLines([{ name: 'planted.jsonl', bytes: readGenerated('planted.jsonl') }], settings);
    const page = buildHtmlReport(reportInputOf(analyzed, settings));

    expect(page).toContain('<p class="departure">These settings depart from the published ESCU search:</p>');
    expect(page).toContain('<li class="departure">Bin span 15 minutes (ESCU: 10 minutes).</li>');
    expect(page).toContain('<li class="departure">Counts distinct MailboxOwnerUPN values as mailboxes (ESCU: distinct UserId values).</li>');
    expect(page).toContain('<td class="departure"><code>15 minutes</code></td><td><code>10 minutes</code></td>');
  });

  it('highlights throttled records in a drill-down', async () => {
    const analyzed = await analyzeJsonLines([{ name: 'planted.jsonl', bytes: readGenerated('planted.jsonl') }]);
    const input = reportInputOf(analyzed);
    const [first] = input.drillDowns ?? [];
    if (first === undefined) throw new Error('No drill-down.');
    const throttled: ReportInput = {
      ...input,
      drillDowns: [{ ...first, drillDown: { ...first.drillDown, records: first.drillDown.records.map((record, index) => ({ ...record, isThrottled: index === 0 })) } }],
    };

    const page = buildHtmlReport(throttled);

    expect(page.match(/<tr class="throttled">/g)).toHaveLength(1);
    expect(page).toContain('1 record has IsThrottled = True: Exchange stopped logging Bind reads of that mailbox for 24 hours');
  });

  it('lists the allow-list and what it removed', async () => {
    const analyzed = await analyzeJsonLines([{ name: 'planted.jsonl', bytes: readGenerated('planted.jsonl') }]);
    const entries: AllowListEntry[] = [{ field: 'ClientAppId', value: ARCHIVING_CONNECTOR, note: 'Archiving <connector> of records management' }];
    const outcome = applyAllowList(analyzed.result.findings, entries);

    const page = buildHtmlReport({ ...reportInputOf(analyzed), findings: outcome.kept, allowList: { entries, outcome } });
    const sectionIds = [...page.matchAll(/<section id="([\w-]+)">/g)].map((match) => match[1]);

    expect(sectionIds).toEqual(['summary', 'data-quality', 'findings', 'allow-list', 'drill-downs', 'timeline']);
    expect(page).toContain("2 of the detection's findings (28 records) were removed by these entries");
    expect(page).toContain(`<td>ClientAppId</td><td><code>${ARCHIVING_CONNECTOR}</code></td><td>Archiving &lt;connector&gt; of records management</td><td class="number">2</td><td class="number">28</td>`);
    expect(page.match(/<article class="finding not-reported"/g)).toHaveLength(2);
    expect(page.match(/<article class="finding"/g)).toHaveLength(3);
    expect(page).toContain("<li class=\"departure\">Allow-list of 1 entry applied to the findings (ESCU&#39;s filter macro is empty).</li>");
  });

  it('lists near misses apart from the findings', async () => {
    const settings = { ...ESCU_SETTINGS, threshold: 9 };
    const analyzed = await analyzeJsonLines([{ name: 'planted.jsonl', bytes: readGenerated('planted.jsonl') }], settings);
    const nearMisses = (await analyzeJsonLines([{ name: 'planted.jsonl', bytes: readGenerated('planted.jsonl') }], { ...settings, threshold: 8 })).result.findings;

    const page = buildHtmlReport({ ...reportInputOf(analyzed, settings), nearMisses });

    expect(analyzed.result.findings).toHaveLength(0);
    expect(nearMisses).toHaveLength(1);
    expect(page).toContain('<section id="near-misses">');
    expect(page).toContain('<h3>Near miss 1: <code>7d3c1a52-9e0b-4f61-b8a2-5c4e2f1d9a03</code> at <code>2024-03-14T03:20:00Z</code></h3>');
    expect(page.match(/<article class="finding not-reported"/g)).toHaveLength(1);
  });

  it('shows the windows of a sliding finding', async () => {
    const settings = { ...ESCU_SETTINGS, window: 'sliding' as const };
    const analyzed = await analyzeJsonLines([{ name: 'planted.jsonl', bytes: readGenerated('planted.jsonl') }], settings);
    const sliding = analyzed.result.findings.filter((finding) => finding.windowEnd !== undefined);

    const page = buildHtmlReport(reportInputOf(analyzed, settings));

    expect(sliding.length).toBeGreaterThan(0);
    expect(page.match(/<dt>Sliding windows over the threshold<\/dt>/g)).toHaveLength(sliding.length);
    expect(page).toContain('<li class="departure">Sliding 10 minutes window');
  });

  it('explains an analysis without findings', async () => {
    const quiet = hostileSweep().slice(0, 5);
    const analyzed = await analyzeJsonLines([{ name: 'five-mailboxes.jsonl', bytes: jsonLinesBytes(quiet) }]);

    const page = buildHtmlReport({ ...reportInputOf(analyzed), drillDowns: undefined });

    expect(analyzed.result.summary.emptyReason).toBe('below-threshold');
    expect(page).toContain('<p class="notice">No finding. Applications read mail through Graph or EWS, but no group');
    expect(page).toContain('<p>No finding.</p>');
    expect(page).toContain('<section id="drill-downs">\n<h2>Drill-downs</h2>\n<p class="muted">Not included in this export.</p>');
  });
});
