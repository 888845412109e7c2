// The settings form's text values and their checks. The panel keeps what the user typed as text,
// so an invalid entry stays on screen with its message instead of snapping back.
import type { CountedIdentity, DetectionSettings, WindowMode } from '../worker/worker-api.ts';
import { describeError } from './describe-error.ts';

/** Form values of the settings panel, as typed. */
export interface SettingsDraft {
  spanSeconds: string;
  threshold: string;
  /** One AppId a line. */
  graphAppIds: string;
  ewsPattern: string;
  identity: CountedIdentity;
  foldUserCase: boolean;
  window: WindowMode;
  includeNearMisses: boolean;
}

/** Message per invalid field, naming the value and what to enter instead. */
export type DraftErrors = Partial<Record<keyof SettingsDraft, string>>;

/** Maximum bin span the form accepts: 7 days in seconds, far beyond any sweep worth binning. */
const MAX_SPAN_SECONDS = 7 * 24 * 3600;

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function draftFromSettings(settings: DetectionSettings): SettingsDraft {
  return {
    spanSeconds: String(settings.spanSeconds),
    threshold: String(settings.threshold),
    graphAppIds: settings.graphAppIds.join('\n'),
    ewsPattern: settings.ewsPattern,
    identity: settings.identity,
    foldUserCase: settings.foldUserCase,
    window: settings.window,
    includeNearMisses: settings.includeNearMisses,
  };
}

function parseWholeNumber(text: string, minimum: number, maximum: number): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) {
    return undefined;
  }
  const value = Number(trimmed);
  return value >= minimum && value <= maximum ? value : undefined;
}

function checkGraphAppIds(text: string, errors: DraftErrors): string[] {
  const ids: string[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    const id = line.trim();
    if (id === '') {
      continue;
    }
    if (!GUID_PATTERN.test(id)) {
      errors.graphAppIds ??= `Line ${index + 1}, "${id}", is not an application id. Enter one GUID a line, such as 00000003-0000-0000-c000-000000000000.`;
      continue;
    }
    ids.push(id.toLowerCase());
  }
  return ids;
}

function checkEwsPattern(pattern: string, errors: DraftErrors): void {
  // An empty pattern turns the EWS test off, so only the Graph AppIds select records.
  if (pattern === '') {
    return;
  }
  try {
    new RegExp(pattern);
  } catch (error) {
    const reason = describeError(error);
    errors.ewsPattern = `Invalid regular expression: ${reason}`;
  }
}

/** Checks every field and returns the settings when all are valid, with one message per invalid field. */
export function settingsFromDraft(draft: SettingsDraft): { settings?: DetectionSettings; errors: DraftErrors } {
  const errors: DraftErrors = {};

  const spanSeconds = parseWholeNumber(draft.spanSeconds, 1, MAX_SPAN_SECONDS);
  if (spanSeconds === undefined) {
    errors.spanSeconds = `"${draft.spanSeconds}" is not a bin span. Enter a whole number of seconds from 1 to ${MAX_SPAN_SECONDS} (7 days).`;
  }

  const threshold = parseWholeNumber(draft.threshold, 0, Number.MAX_SAFE_INTEGER);
  if (threshold === undefined) {
    errors.threshold = `"${draft.threshold}" is not a threshold. Enter a whole number of mailboxes, 0 or more.`;
  }

  const graphAppIds = checkGraphAppIds(draft.graphAppIds, errors);
  checkEwsPattern(draft.ewsPattern, errors);

  if (spanSeconds === undefined || threshold === undefined || Object.keys(errors).length > 0) {
    return { errors };
  }
  return {
    errors,
    settings: {
      spanSeconds,
      threshold,
      graphAppIds,
      ewsPattern: draft.ewsPattern,
      identity: draft.identity,
      foldUserCase: draft.foldUserCase,
      window: draft.window,
      includeNearMisses: draft.includeNearMisses,
    },
  };
}

/** Names of the form's fields in messages about them. */
export const DRAFT_FIELD_NAMES: Record<keyof SettingsDraft, string> = {
  spanSeconds: 'Bin span',
  threshold: 'Threshold',
  graphAppIds: 'Graph AppIds',
  ewsPattern: 'EWS pattern',
  identity: 'Identity counted as a mailbox',
  foldUserCase: 'Letter case of user names',
  window: 'Window',
  includeNearMisses: 'Near misses',
};

function normalizeIdLines(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim().toLowerCase())
    .filter((line) => line !== '')
    .join('\n');
}

/**
 * Returns the fields whose form value differs from the settings in force, so a change that has
 * not been applied can be marked. Number fields compare without surrounding spaces, and AppIds
 * without letter case or empty lines.
 */
export function changedDraftFields(draft: SettingsDraft, settings: DetectionSettings): Set<keyof SettingsDraft> {
  const applied = draftFromSettings(settings);
  const changed = new Set<keyof SettingsDraft>();
  if (draft.spanSeconds.trim() !== applied.spanSeconds) changed.add('spanSeconds');
  if (draft.threshold.trim() !== applied.threshold) changed.add('threshold');
  if (normalizeIdLines(draft.graphAppIds) !== normalizeIdLines(applied.graphAppIds)) changed.add('graphAppIds');
  if (draft.ewsPattern !== applied.ewsPattern) changed.add('ewsPattern');
  if (draft.identity !== applied.identity) changed.add('identity');
  if (draft.foldUserCase !== applied.foldUserCase) changed.add('foldUserCase');
  if (draft.window !== applied.window) changed.add('window');
  if (draft.includeNearMisses !== applied.includeNearMisses) changed.add('includeNearMisses');
  return changed;
}
