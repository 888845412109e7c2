// HTML built from templates whose interpolated values are escaped unless they are already HTML.
// Every value in a report comes from files an attacker may have written (ClientInfoString and
// UserId are free text), so escaping is the default and markup has to be asked for.

/** A fragment of HTML that the builder wrote itself, so it is inserted as is. */
export class SafeHtml {
  constructor(readonly html: string) {}

  toString(): string {
    return this.html;
  }
}

/** A value a template may interpolate. Text is escaped, numbers are written out, and nullish and false write nothing. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

/**
 * Characters a reader cannot see, or that change how the text around them reads. These are the C0
 * and C1 controls (tab, CR and LF included, because a value spans one line) and DEL. Then the
 * zero-width characters U+200B to U+200D, U+2060 and U+FEFF, and the line and paragraph separators
 * U+2028 and U+2029. Last, the Unicode Bidi_Control characters: U+061C, U+200E, U+200F, U+202A to
 * U+202E and U+2066 to U+2069.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060\u2066-\u2069\uFEFF]/g;

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Names a code point as `U+202E`. */
function codePointLabel(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Escapes the five characters that HTML gives a meaning to, in text and in quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);
}

/**
 * Escapes text for element content and shows each invisible character as a marked `⟨U+202E⟩`, so
 * that `invoice\u202Efdp.exe` reads as written and not as `invoiceexe.pdf`.
 */
export function textHtml(text: string): string {
  return escapeHtml(text).replace(INVISIBLE, (character) => `<span class="invisible">⟨${codePointLabel(character)}⟩</span>`);
}

/**
 * Escapes text for an attribute value or for SVG text, where no markup may appear: invisible
 * characters become a plain `⟨U+202E⟩`.
 */
export function plainText(text: string): SafeHtml {
  return new SafeHtml(escapeHtml(text.replace(INVISIBLE, (character) => `⟨${codePointLabel(character)}⟩`)));
}

/** Renders one interpolated value. */
function renderValue(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.html;
  if (typeof value === 'string') return textHtml(value);
  if (typeof value === 'number') return String(value);
  if (value === null || value === undefined || value === false) return '';
  if (value === true) return 'true';
  return value.map(renderValue).join('');
}

/**
 * Tag for HTML templates: `html\`<td>${value}</td>\`` escapes `value` unless it is SafeHtml. Text
 * in element content may gain `<span>` markers, so pass attribute values and SVG text through
 * `plainText`.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let result = strings[0] ?? '';
  for (const [index, value] of values.entries()) {
    result += renderValue(value) + (strings[index + 1] ?? '');
  }
  return new SafeHtml(result);
}
