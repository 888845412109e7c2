// Structural checks for generated SPL and KQL. No parser for either language runs here, so the
// tests check what a parser would reject first: unbalanced brackets or quotes.

/**
 * Returns undefined when every bracket outside string literals is closed in order and no string
 * literal is left open, or else a description of the first problem. Strings are double-quoted with
 * backslash escapes, as SPL and KQL write them. KQL verbatim strings (`@"..."`) are read too.
 */
export function bracketProblem(text: string): string | undefined {
  const closing: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const stack: string[] = [];
  let index = 0;
  while (index < text.length) {
    const character = text[index] ?? '';
    if (character === '@' && text[index + 1] === '"') {
      const end = text.indexOf('"', index + 2);
      if (end < 0) return `verbatim string at ${index} is not closed`;
      index = end + 1;
      continue;
    }
    if (character === '"') {
      index += 1;
      while (index < text.length && text[index] !== '"') {
        index += text[index] === '\\' ? 2 : 1;
      }
      if (index >= text.length) return 'string literal is not closed';
      index += 1;
      continue;
    }
    if (character in closing) {
      stack.push(closing[character] ?? '');
    } else if (character === ')' || character === ']' || character === '}') {
      const expected = stack.pop();
      if (expected !== character) return `${character} at ${index} closes ${expected ?? 'nothing'}`;
    }
    index += 1;
  }
  return stack.length === 0 ? undefined : `${stack.length} bracket(s) left open`;
}

/** Returns the lines of a query that are not comment lines (`//` or `--` prefixed), without a Splunk ``` block. */
export function codeLines(text: string): string[] {
  const withoutBlock = text.replace(/^```[\s\S]*?```\n/, '');
  return withoutBlock.split('\n').filter((line) => line !== '' && !line.startsWith('//') && !line.startsWith('--'));
}
