// The provenance block of every Mailsweep export: the program and its version, the detection
// settings and how they depart from ESCU, and the SHA-256 of each input file. A reader of an
// exported file can then tell which data and which rule produced it.

import type { FileReport } from '../types.ts';
import type { AllowListEntry } from '../allow-list/allow-list-entry.ts';
import type { DetectionSettings } from '../detect/detection-settings.ts';
import { departuresFromEscu } from '../detect/escu-departures.ts';
import { formatUtcTime } from '../time/format-utc-time.ts';
import { ESCU_RULE } from '../risk/escu-rule.ts';

/** One analysed file (or archive member) and the hash of the file that was dropped. */
export interface InputFileDigest {
  /** As in FileReport: for an archive member, the archive's name, `/`, then the member's path. */
  name: string;
  /** Size of the file, or the uncompressed size of an archive member. */
  sizeBytes: number;
  /** SHA-256 of the dropped file (the whole archive for a member), or null when it was not hashed. */
  sha256: string | null;
  /** For an archive member, the dropped archive's name, the file `sha256` belongs to. */
  archive?: string;
}

/** The provenance block of every export. Plain data that JSON.stringify writes as is. */
export interface ReportProvenance {
  generator: { name: 'Mailsweep'; version: string };
  /** When the export was made, ISO 8601 UTC. */
  generatedAt: string;
  detection: {
    name: string;
    /** The ESCU detection's id in Splunk's security_content repository. */
    escuId: string;
    settings: DetectionSettings;
    /** Entries that removed findings, ESCU's filter macro being empty. [] when none was applied. */
    allowList: AllowListEntry[];
    /** True when the settings are ESCU's own and no allow-list applies. Otherwise `departures` lists each difference. */
    isEscuDefault: boolean;
    departures: string[];
  };
  inputs: InputFileDigest[];
}

export interface ProvenanceOptions {
  /** Mailsweep's version from package.json. The build injects it, and the core takes it as given. */
  version: string;
  generatedAt: Date;
  settings: DetectionSettings;
  files: readonly FileReport[];
  /** The allow-list applied to the findings, if any. */
  allowList?: readonly AllowListEntry[];
}

/** Builds the provenance block for an export made now from the given settings and files. */
export function buildProvenance(options: ProvenanceOptions): ReportProvenance {
  const allowList = (options.allowList ?? []).map((entry) => ({ ...entry }));
  const departures = departuresFromEscu(options.settings);
  if (allowList.length > 0) {
    const noun = allowList.length === 1 ? 'entry' : 'entries';
    departures.push(`Allow-list of ${allowList.length} ${noun} applied to the findings (ESCU's filter macro is empty).`);
  }
  return {
    generator: { name: 'Mailsweep', version: options.version },
    generatedAt: formatUtcTime(options.generatedAt.getTime() / 1000),
    detection: {
      name: ESCU_RULE.name,
      escuId: ESCU_RULE.id,
      settings: structuredClone(options.settings),
      allowList,
      isEscuDefault: departures.length === 0,
      departures,
    },
    inputs: options.files.map((file) => {
      const input: InputFileDigest = { name: file.name, sizeBytes: file.sizeBytes, sha256: file.sha256 ?? null };
      if (file.archive !== undefined) input.archive = file.archive;
      return input;
    }),
  };
}
