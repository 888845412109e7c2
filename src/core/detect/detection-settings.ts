// Tunable settings of the detection. The defaults reproduce the ESCU search exactly. Every other
// value is a departure that the page and every export must name.

import type { DetectionParams } from '../types.ts';

/** Field that counts as "a mailbox" in a group. */
export type CountedIdentity = 'UserId' | 'MailboxOwnerUPN';

/**
 * Grouping of records in time. 'fixed' is ESCU's epoch-aligned `bucket span`. 'sliding' looks
 * at every window of the same length, so a burst that straddles a bin edge is still caught.
 */
export type WindowMode = 'fixed' | 'sliding';

/** All settings of one detection run. Plain data, so it survives structured cloning and JSON. */
export interface DetectionSettings extends DetectionParams {
  /** AppIds that count as Microsoft Graph, compared without regard to letter case. */
  graphAppIds: string[];
  /**
   * JavaScript regular expression source tested against ClientInfoString, case-sensitive as in
   * Splunk's match(). The empty string turns the EWS test off (it would otherwise match every record).
   */
  ewsPattern: string;
  identity: CountedIdentity;
  /** Count user names that differ only in letter case as one mailbox (ESCU does not). */
  foldUserCase: boolean;
  window: WindowMode;
  /** Also return groups at the threshold or one below it, marked as near misses. */
  includeNearMisses: boolean;
}

/** The published ESCU search: 600-second fixed bins, more than 5 distinct UserIds, Graph or EWS. */
export const ESCU_SETTINGS: Readonly<DetectionSettings> = Object.freeze({
  spanSeconds: 600,
  threshold: 5,
  graphAppIds: ['00000003-0000-0000-c000-000000000000'],
  ewsPattern: '^Client=WebServices;ExchangeWebServices',
  identity: 'UserId',
  foldUserCase: false,
  window: 'fixed',
  includeNearMisses: false,
});

/**
 * Settings for a run: the given fields, and ESCU's value for each optional one left out or
 * undefined. Other keys are dropped. Span and threshold are required, so they are never filled in.
 */
export function resolveDetectionSettings(settings: DetectionParams & Partial<DetectionSettings>): DetectionSettings {
  const escu = ESCU_SETTINGS;
  return {
    spanSeconds: settings.spanSeconds,
    threshold: settings.threshold,
    graphAppIds: [...(settings.graphAppIds ?? escu.graphAppIds)],
    ewsPattern: settings.ewsPattern ?? escu.ewsPattern,
    identity: settings.identity ?? escu.identity,
    foldUserCase: settings.foldUserCase ?? escu.foldUserCase,
    window: settings.window ?? escu.window,
    includeNearMisses: settings.includeNearMisses ?? escu.includeNearMisses,
  };
}

/** Throws a RangeError that lists every invalid field of `settings`, each message naming its field. */
export function validateDetectionSettings(settings: DetectionSettings): void {
  const errors = detectionSettingsErrors(settings);
  if (errors.length > 0) {
    throw new RangeError(errors.join(' '));
  }
}

/**
 * Checks a settings value, for example one read back from storage, and returns one message per
 * invalid or missing field (an empty list when it is valid). Extra fields are ignored.
 */
export function detectionSettingsErrors(value: unknown): string[] {
  if (!isRecord(value)) {
    return [`Invalid detection settings ${describe(value)}: expected an object with the fields ${SETTING_NAMES.join(', ')}.`];
  }

  const errors: string[] = [];
  for (const name of SETTING_NAMES) {
    const error = name in value ? FIELD_CHECKS[name](value[name]) : `Missing setting ${name}: set it or leave out the whole settings object to use ESCU's.`;
    if (error !== undefined) errors.push(error);
  }
  return errors;
}

/**
 * Reads settings from untrusted data such as stored JSON. Each valid field is kept, and an invalid
 * or missing one takes its ESCU value. `errors` names each invalid field that was replaced (a missing
 * field is not an error, so settings stored by an older version still load).
 */
export function readDetectionSettings(value: unknown): { settings: DetectionSettings; errors: string[] } {
  const settings = resolveDetectionSettings(ESCU_SETTINGS);
  if (!isRecord(value)) {
    return { settings, errors: detectionSettingsErrors(value) };
  }

  const errors: string[] = [];
  const chosen: Record<string, unknown> = { ...settings };
  for (const name of SETTING_NAMES) {
    if (!(name in value)) continue;

    const error = FIELD_CHECKS[name](value[name]);
    if (error === undefined) {
      chosen[name] = name === 'graphAppIds' ? [...(value[name] as string[])] : value[name];
    } else {
      errors.push(`${error} Using ESCU's value.`);
    }
  }
  return { settings: chosen as unknown as DetectionSettings, errors };
}

const SETTING_NAMES = [
  'spanSeconds',
  'threshold',
  'graphAppIds',
  'ewsPattern',
  'identity',
  'foldUserCase',
  'window',
  'includeNearMisses',
] as const satisfies readonly (keyof DetectionSettings)[];

/** AppIds are GUIDs in every export, so braces or other text would never match a record. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One check per field: the message for an invalid value, or undefined for a valid one. */
const FIELD_CHECKS: Readonly<Record<(typeof SETTING_NAMES)[number], (value: unknown) => string | undefined>> = {
  spanSeconds: (value) =>
    typeof value === 'number' && Number.isInteger(value) && value >= 1
      ? undefined
      : `Invalid bin span ${describe(value)} (spanSeconds): expected a whole number of seconds, 1 or more.`,
  threshold: (value) =>
    typeof value === 'number' && Number.isFinite(value) && value >= 0
      ? undefined
      : `Invalid threshold ${describe(value)} (threshold): expected a number of distinct mailboxes, 0 or more.`,
  graphAppIds: checkGraphAppIds,
  ewsPattern: checkEwsPattern,
  identity: (value) =>
    value === 'UserId' || value === 'MailboxOwnerUPN'
      ? undefined
      : `Invalid counted identity ${describe(value)} (identity): expected "UserId" or "MailboxOwnerUPN".`,
  foldUserCase: (value) => (typeof value === 'boolean' ? undefined : `Invalid case folding ${describe(value)} (foldUserCase): expected true or false.`),
  window: (value) =>
    value === 'fixed' || value === 'sliding' ? undefined : `Invalid window mode ${describe(value)} (window): expected "fixed" or "sliding".`,
  includeNearMisses: (value) =>
    typeof value === 'boolean' ? undefined : `Invalid near-miss choice ${describe(value)} (includeNearMisses): expected true or false.`,
};

function checkGraphAppIds(value: unknown): string | undefined {
  if (!Array.isArray(value)) {
    return `Invalid Graph AppId list ${describe(value)} (graphAppIds): expected a list of GUIDs, which may be empty.`;
  }

  const invalid = value.findIndex((id) => typeof id !== 'string' || !GUID.test(id.trim()));
  if (invalid === -1) {
    return undefined;
  }
  return `Invalid Graph AppId ${describe(value[invalid])} (graphAppIds[${invalid}]): expected a GUID such as ${ESCU_SETTINGS.graphAppIds[0]}.`;
}

function checkEwsPattern(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return `Invalid EWS pattern ${describe(value)} (ewsPattern): expected the text of a regular expression, or "" to turn the EWS test off.`;
  }

  try {
    new RegExp(value);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `Invalid EWS pattern ${describe(value)} (ewsPattern): ${reason}. Write a JavaScript regular expression without slashes.`;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Shows a rejected value in a message: JSON text, cut to 80 characters. */
function describe(value: unknown): string {
  if (value === undefined || typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'function' || typeof value === 'symbol') return `a ${typeof value}`;

  let text: string;
  try {
    text = JSON.stringify(value);
  } catch {
    // A value with a cycle cannot come from stored JSON, so name its kind instead.
    return 'an object that cannot be written as JSON';
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
