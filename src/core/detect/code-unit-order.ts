/**
 * Compares two strings by UTF-16 code unit, the order of Splunk's `values()` output as Mailsweep
 * reproduces it. Unlike `localeCompare`, this puts `user15@x` before `user1@x`, because `5`
 * (U+0035) sorts before `@` (U+0040).
 */
export function compareCodeUnits(left: string, right: string): number {
  if (left < right) {
    return -1;
  }
  return left > right ? 1 : 0;
}
