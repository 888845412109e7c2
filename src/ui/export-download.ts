// Saves an export from the worker under a name that gives its kind and the time it was made.
import type { ExportFile } from '../worker/worker-api.ts';
import { downloadText } from './download-text.ts';
import { formatFileNameTimestamp } from './format.ts';

/** Downloads the file as `<baseName>-<UTC timestamp>.<extension>`, such as `mailsweep-findings-20240314T101500Z.csv`. */
export function downloadExport(file: ExportFile, moment = new Date()): void {
  downloadText(file.text, `${file.baseName}-${formatFileNameTimestamp(moment)}.${file.extension}`, file.mimeType);
}
