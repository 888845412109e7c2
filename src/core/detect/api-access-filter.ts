// ESCU's API filter with tunable values: a read passes when its AppId is in the Graph list (any
// letter case) or its ClientInfoString matches the EWS pattern. Both tests run once per distinct
// interned string and are remembered, so a change of settings costs one test per string, not per row.

import { StringTable } from '../index/string-table.ts';
import type { DetectionSettings } from './detection-settings.ts';

const UNKNOWN = 0;
const FAILS = 1;
const PASSES = 2;

/** The API filter of one set of settings over one string table. */
export class ApiAccessFilter {
  private readonly graphAppIds: ReadonlySet<string>;
  /** Null when the pattern is empty: the EWS test is then off. */
  private readonly ewsPattern: RegExp | null;
  private readonly strings: StringTable;

  /** Remembered results per string id: UNKNOWN, FAILS or PASSES. */
  private readonly graphResults: Uint8Array;
  private readonly ewsResults: Uint8Array;

  /** The string table must not grow while the filter is in use, because ids added later read as failing. */
  constructor(strings: StringTable, settings: Pick<DetectionSettings, 'graphAppIds' | 'ewsPattern'>) {
    this.strings = strings;
    this.graphAppIds = new Set(settings.graphAppIds.map((id) => id.trim().toLowerCase()));
    this.ewsPattern = settings.ewsPattern === '' ? null : new RegExp(settings.ewsPattern);
    this.graphResults = new Uint8Array(strings.size);
    this.ewsResults = new Uint8Array(strings.size);
  }

  /** Tells whether a read with these AppId and ClientInfoString string ids passes the filter. */
  passes(appId: number, clientInfoString: number): boolean {
    return this.isGraphAppId(appId) || this.matchesEws(clientInfoString);
  }

  /** Tells whether the AppId with this string id is in the Graph list. ABSENT never is. */
  isGraphAppId(appId: number): boolean {
    return this.remembered(this.graphResults, appId, (value) => this.graphAppIds.has(value.toLowerCase()));
  }

  /** Tells whether the ClientInfoString with this string id matches the EWS pattern. ABSENT never does. */
  matchesEws(clientInfoString: number): boolean {
    const pattern = this.ewsPattern;
    return pattern !== null && this.remembered(this.ewsResults, clientInfoString, (value) => pattern.test(value));
  }

  private remembered(results: Uint8Array, id: number, test: (value: string) => boolean): boolean {
    if (id === StringTable.ABSENT || id >= results.length) {
      return false;
    }

    let result = results[id];
    if (result === UNKNOWN) {
      result = test(this.strings.lookup(id)) ? PASSES : FAILS;
      results[id] = result;
    }
    return result === PASSES;
  }
}
