// The text shown for a caught value: an Error's message, or the value itself as text, because
// anything can be thrown and a worker rejection may arrive as a plain value.

/** Returns the message of `error`, or `String(error)` when it is not an Error. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
