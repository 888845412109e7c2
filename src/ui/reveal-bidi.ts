// Field values and file names shown on the page come from files that an attacker may have written.
// Lit already inserts them as text, never as markup. This module also makes visible the invisible
// characters that reorder the text around them.

/**
 * The Unicode Bidi_Control characters: the Arabic letter mark (U+061C), the left-to-right and
 * right-to-left marks (U+200E, U+200F), the embeddings and overrides (U+202A to U+202E) and the
 * isolates (U+2066 to U+2069).
 */
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Replaces each bidi control character with a visible marker that names its code point, so that
 * `invoice\u202Efdp.exe` shows as `invoice⟨U+202E⟩fdp.exe` and not as `invoiceexe.pdf`.
 */
export function revealBidiControls(text: string): string {
  return text.replace(BIDI_CONTROL, (control) => `⟨U+${control.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}
