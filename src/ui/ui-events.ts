// Events that Mailsweep's elements fire, declared once with their detail types. They bubble and are
// composed so that they cross shadow roots, and they fire only on user actions.

/** Detail of `mailsweep-files-chosen`: the files to analyse, from a drop or the file picker. */
export interface FilesChosenDetail {
  /** Files of a dropped folder are named by their path from the dropped folder. */
  files: File[];
  /** Sentences about dropped items that were not read, such as hidden files, for the page to show. */
  notes: string[];
}

export const FILES_CHOSEN_EVENT = 'mailsweep-files-chosen';
export const CANCEL_REQUESTED_EVENT = 'mailsweep-cancel-requested';

declare global {
  interface HTMLElementEventMap {
    [FILES_CHOSEN_EVENT]: CustomEvent<FilesChosenDetail>;
    [CANCEL_REQUESTED_EVENT]: CustomEvent<undefined>;
  }
}

export function filesChosenEvent(detail: FilesChosenDetail): CustomEvent<FilesChosenDetail> {
  return new CustomEvent(FILES_CHOSEN_EVENT, { detail, bubbles: true, composed: true });
}

export function cancelRequestedEvent(): CustomEvent<undefined> {
  return new CustomEvent(CANCEL_REQUESTED_EVENT, { detail: undefined, bubbles: true, composed: true });
}
