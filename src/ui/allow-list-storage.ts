// Keeps the allow-list in localStorage, in the same JSON form as its export file, so a stored list
// is checked by the same reader as an imported one.
import { formatAllowListJson, parseAllowListJson } from '../worker/worker-api.ts';
import type { AllowListEntry } from '../worker/worker-api.ts';
import { describeError } from './describe-error.ts';

export const ALLOW_LIST_STORAGE_KEY = 'mailsweep.allow-list.v1';

/** Name under which messages about the stored list refer to it. */
const STORED_LIST_NAME = 'Saved allow-list';

export interface StoredAllowList {
  entries: AllowListEntry[];
  problem?: string;
}

/**
 * Reads the saved allow-list: empty when none is saved. A list that cannot be read or is invalid
 * is not applied (an allow-list hides findings, so a half-read one could hide the wrong ones), and
 * `problem` gives the reason.
 */
export function loadAllowList(storage: Pick<Storage, 'getItem'>): StoredAllowList {
  let text: string | null;
  try {
    text = storage.getItem(ALLOW_LIST_STORAGE_KEY);
  } catch (error) {
    return { entries: [], problem: `The saved allow-list could not be read (${describeError(error)}), so no findings are suppressed.` };
  }
  if (text === null) {
    return { entries: [] };
  }

  const parsed = parseAllowListJson(text, STORED_LIST_NAME);
  if (parsed.ok) {
    return { entries: parsed.entries };
  }
  return {
    entries: [],
    problem: `The saved allow-list is invalid, so no findings are suppressed: ${parsed.errors.join(' ')} Import a valid list or add entries to replace it.`,
  };
}

/** Saves the list. Returns a message when storage refuses it. */
export function saveAllowList(storage: Pick<Storage, 'setItem'>, entries: readonly AllowListEntry[]): string | undefined {
  try {
    storage.setItem(ALLOW_LIST_STORAGE_KEY, formatAllowListJson(entries));
    return undefined;
  } catch (error) {
    return `The allow-list applies to this page but could not be saved for the next visit: ${describeError(error)}`;
  }
}
