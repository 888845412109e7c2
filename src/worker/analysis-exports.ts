// The exports of a finished analysis, each as text with its file name and MIME type. They carry
// the settings and allow-list of the latest detection, so an export never disagrees with the page.
import { formatDataQualityCsv } from '../core/export/data-quality-csv.ts';
import { formatDrillDownCsv } from '../core/export/drill-down-csv.ts';
import { formatFindingsCsv } from '../core/export/findings-csv.ts';
import { provenanceColumns } from '../core/export/provenance-columns.ts';
import type { TrailingColumns } from '../core/export/provenance-columns.ts';
import { appNameOrUnknown } from '../core/apps/resolve-app-name.ts';
import { buildProvenance } from '../core/report/report-provenance.ts';
import type { ProvenanceOptions } from '../core/report/report-provenance.ts';
import { buildHtmlReport } from '../core/report/html-report.ts';
import { formatJsonReport } from '../core/report/json-report.ts';
import { formatNotableJson } from '../core/risk/notable-events.ts';
import type { Finding } from '../core/types.ts';
import type { Investigation } from './investigation.ts';
import { buildReportInput } from './report-input.ts';
import type { ExportContext } from './report-input.ts';
import type { AnalysisExportKind, ExportFile } from './worker-api.ts';

const CSV_TYPE = 'text/csv;charset=utf-8';
const JSON_TYPE = 'application/json';

/** Formats one export. Throws when `drill-down-csv` comes without a finding, or for a finding the latest detection did not show. */
export function formatAnalysisExport(investigation: Investigation, kind: AnalysisExportKind, context: ExportContext, finding?: Finding): ExportFile {
  const { result } = investigation;
  switch (kind) {
    case 'findings-csv': {
      const text = formatFindingsCsv(result.findings, { appName: appNameOrUnknown, trailing: csvProvenance(investigation, context) });
      return { text, baseName: 'mailsweep-findings', extension: 'csv', mimeType: CSV_TYPE };
    }

    case 'data-quality-csv': {
      const text = formatDataQualityCsv(result.summary.files, csvProvenance(investigation, context));
      return { text, baseName: 'mailsweep-data-quality', extension: 'csv', mimeType: CSV_TYPE };
    }

    case 'drill-down-csv': {
      if (!finding) {
        throw new Error("The drill-down export needs a finding. Open the finding's details and export from there.");
      }
      const { drillDown } = investigation.drillDown(finding);
      const text = formatDrillDownCsv(drillDown, csvProvenance(investigation, context));
      return { text, baseName: 'mailsweep-drill-down', extension: 'csv', mimeType: CSV_TYPE };
    }

    case 'notable-json': {
      const provenance = provenanceOptions(investigation, context);
      return { text: formatNotableJson(result.findings, provenance), baseName: 'mailsweep-notable-events', extension: 'json', mimeType: JSON_TYPE };
    }

    case 'report-json':
      return { text: formatJsonReport(buildReportInput(investigation, context)), baseName: 'mailsweep-report', extension: 'json', mimeType: JSON_TYPE };

    case 'report-html':
      return { text: buildHtmlReport(buildReportInput(investigation, context)), baseName: 'mailsweep-report', extension: 'html', mimeType: 'text/html;charset=utf-8' };
  }
}

/** Collects what every export states about how it was made: settings, allow-list, version and input files. */
function provenanceOptions(investigation: Investigation, context: ExportContext): ProvenanceOptions {
  const { result } = investigation;
  return { ...context, settings: result.settings, files: result.summary.files, allowList: result.allowList };
}

/** Builds the provenance columns that every CSV export ends with. */
function csvProvenance(investigation: Investigation, context: ExportContext): TrailingColumns {
  return provenanceColumns(buildProvenance(provenanceOptions(investigation, context)));
}
