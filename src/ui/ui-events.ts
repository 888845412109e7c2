// Events that Mailsweep's elements fire, declared once with their detail types. They bubble and are
// composed so that they cross shadow roots, and they fire only on user actions.
import type { AllowListEntry, AnalysisExportKind, DetectionSettings, Finding } from '../worker/worker-api.ts';

/** Detail of `mailsweep-files-chosen`: the files to analyse, from a drop or the file picker. */
export interface FilesChosenDetail {
  /** Files of a dropped folder are named by their path from the dropped folder. */
  files: File[];
  /** Sentences about dropped items that were not read, such as hidden files, for the page to show. */
  notes: string[];
}

/** Detail of `mailsweep-settings-changed`: the new, valid detection settings. */
export interface SettingsChangedDetail {
  settings: DetectionSettings;
}

/** Detail of `mailsweep-allow-list-changed`: the whole new list, every entry checked. */
export interface AllowListChangedDetail {
  entries: AllowListEntry[];
}

/** Detail of `mailsweep-drill-down-requested`: the finding whose records to show. */
export interface DrillDownRequestedDetail {
  finding: Finding;
}

/** Detail of `mailsweep-export-requested`: the export to download, and `finding` for a drill-down. */
export interface ExportRequestedDetail {
  kind: AnalysisExportKind;
  finding?: Finding;
}

export const FILES_CHOSEN_EVENT = 'mailsweep-files-chosen';
export const CANCEL_REQUESTED_EVENT = 'mailsweep-cancel-requested';
export const SETTINGS_CHANGED_EVENT = 'mailsweep-settings-changed';
export const ALLOW_LIST_CHANGED_EVENT = 'mailsweep-allow-list-changed';
export const DRILL_DOWN_REQUESTED_EVENT = 'mailsweep-drill-down-requested';
export const EXPORT_REQUESTED_EVENT = 'mailsweep-export-requested';

declare global {
  interface HTMLElementEventMap {
    [FILES_CHOSEN_EVENT]: CustomEvent<FilesChosenDetail>;
    [CANCEL_REQUESTED_EVENT]: CustomEvent<undefined>;
    [SETTINGS_CHANGED_EVENT]: CustomEvent<SettingsChangedDetail>;
    [ALLOW_LIST_CHANGED_EVENT]: CustomEvent<AllowListChangedDetail>;
    [DRILL_DOWN_REQUESTED_EVENT]: CustomEvent<DrillDownRequestedDetail>;
    [EXPORT_REQUESTED_EVENT]: CustomEvent<ExportRequestedDetail>;
  }
}

export function filesChosenEvent(detail: FilesChosenDetail): CustomEvent<FilesChosenDetail> {
  return new CustomEvent(FILES_CHOSEN_EVENT, { detail, bubbles: true, composed: true });
}

export function cancelRequestedEvent(): CustomEvent<undefined> {
  return new CustomEvent(CANCEL_REQUESTED_EVENT, { detail: undefined, bubbles: true, composed: true });
}

export function settingsChangedEvent(detail: SettingsChangedDetail): CustomEvent<SettingsChangedDetail> {
  return new CustomEvent(SETTINGS_CHANGED_EVENT, { detail, bubbles: true, composed: true });
}

export function allowListChangedEvent(detail: AllowListChangedDetail): CustomEvent<AllowListChangedDetail> {
  return new CustomEvent(ALLOW_LIST_CHANGED_EVENT, { detail, bubbles: true, composed: true });
}

export function drillDownRequestedEvent(detail: DrillDownRequestedDetail): CustomEvent<DrillDownRequestedDetail> {
  return new CustomEvent(DRILL_DOWN_REQUESTED_EVENT, { detail, bubbles: true, composed: true });
}

export function exportRequestedEvent(detail: ExportRequestedDetail): CustomEvent<ExportRequestedDetail> {
  return new CustomEvent(EXPORT_REQUESTED_EVENT, { detail, bubbles: true, composed: true });
}
