/**
 * Returns the start of the fixed, epoch-aligned bin that contains `seconds`, as Splunk's
 * `bucket span=...` computes it: `t - (t mod span)` on whole seconds, so a fractional time is
 * floored first. Times before 1970 fall into the bin below them, never above.
 *
 * `spanSeconds` must be a positive whole number of seconds.
 */
export function binStart(seconds: number, spanSeconds: number): number {
  const whole = Math.floor(seconds);
  const remainder = ((whole % spanSeconds) + spanSeconds) % spanSeconds;
  return whole - remainder;
}
