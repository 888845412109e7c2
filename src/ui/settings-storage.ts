// Keeps the detection settings in localStorage between visits. Stored text may come from an older
// version of the page or from a person editing it by hand, so each field is checked. A field that
// is invalid falls back to its ESCU value with a message that names it.
import { ESCU_SETTINGS, readDetectionSettings } from '../worker/worker-api.ts';
import type { DetectionSettings } from '../worker/worker-api.ts';
import { describeError } from './describe-error.ts';

/** localStorage key. The version suffix changes only if the stored shape stops being compatible. */
export const SETTINGS_STORAGE_KEY = 'mailsweep.detection-settings.v1';

/** Settings read back from storage, with a message when some or all of the stored value was not used. */
export interface StoredSettings {
  settings: DetectionSettings;
  problem?: string;
}

/** Returns a fresh, mutable copy of the ESCU settings. */
export function escuSettings(): DetectionSettings {
  return { ...ESCU_SETTINGS, graphAppIds: [...ESCU_SETTINGS.graphAppIds] };
}

/**
 * Reads the saved settings. Returns the ESCU settings when nothing is saved. When storage cannot be
 * read or the saved text is not JSON, returns the ESCU settings with a `problem`. When single
 * fields are invalid, returns the other fields with ESCU values in their place and a `problem`.
 */
export function loadSettings(storage: Pick<Storage, 'getItem'>): StoredSettings {
  let text: string | null;
  try {
    text = storage.getItem(SETTINGS_STORAGE_KEY);
  } catch (error) {
    // Browsers throw here when site data is blocked.
    return { settings: escuSettings(), problem: `Saved detection settings could not be read (${describeError(error)}), so the ESCU defaults are used.` };
  }
  if (text === null) {
    return { settings: escuSettings() };
  }

  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch (error) {
    return {
      settings: escuSettings(),
      problem: `The saved detection settings are not valid JSON (${describeError(error)}), so the ESCU defaults are used. Change a setting to save new ones.`,
    };
  }

  const { settings, errors } = readDetectionSettings(stored);
  if (errors.length === 0) {
    return { settings };
  }
  return {
    settings,
    problem: `Some saved detection settings are invalid and were replaced by ESCU values: ${errors.join(' ')} Change a setting to save new ones.`,
  };
}

/** Saves the settings. Returns a message when storage refuses them (quota, or site data blocked). */
export function saveSettings(storage: Pick<Storage, 'setItem'>, settings: DetectionSettings): string | undefined {
  try {
    storage.setItem(SETTINGS_STORAGE_KEY, JSON.stringify(settings));
    return undefined;
  } catch (error) {
    return `The detection settings apply to this page but could not be saved for the next visit: ${describeError(error)}`;
  }
}
