import { describe, expect, it } from 'vitest';

import { SafeHtml, escapeHtml, html, plainText, textHtml } from '../../../src/core/report/html/safe-html.ts';

describe('escapeHtml', () => {
  it('escapes the five markup characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('textHtml', () => {
  it('marks a right-to-left override visibly', () => {
    expect(textHtml('invoice\u202Efdp.exe')).toBe('invoice<span class="invisible">⟨U+202E⟩</span>fdp.exe');
  });

  it('marks every bidi control, zero-width character and control', () => {
    const invisible = ['\u061C', '\u200B', '\u200E', '\u200F', '\u202A', '\u202D', '\u2066', '\u2069', '\u2060', '\uFEFF', '\u2028', '\n', '\t', '\u0000', '\u007F', '\u0085'];
    for (const character of invisible) {
      const label = `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
      expect(textHtml(`a${character}b`), label).toBe(`a<span class="invisible">⟨${label}⟩</span>b`);
    }
  });

  it('keeps letters of every script as they are', () => {
    expect(textHtml('anna.kéller@contoso.example שלום 陈伟')).toBe('anna.kéller@contoso.example שלום 陈伟');
  });
});

describe('plainText', () => {
  it('marks invisible characters without markup', () => {
    expect(plainText('"x\u202Ey"').html).toBe('&quot;x⟨U+202E⟩y&quot;');
  });
});

describe('html', () => {
  it('escapes interpolated text and keeps nested templates', () => {
    const cell = (value: string) => html`<td>${value}</td>`;
    const row = html`<tr>${['<b>', 'ok'].map(cell)}</tr>`;

    expect(row.html).toBe('<tr><td>&lt;b&gt;</td><td>ok</td></tr>');
  });

  it('writes numbers and skips nullish and false', () => {
    expect(html`${1}|${null}|${undefined}|${false}|${0}`.html).toBe('1||||0');
  });

  it('inserts SafeHtml as is', () => {
    expect(html`<p>${new SafeHtml('<em>x</em>')}</p>`.toString()).toBe('<p><em>x</em></p>');
  });
});
