// Stored detection settings and allow-lists: what a visit finds in localStorage, including text
// from older versions and from hand edits, and the settings form's checks of typed values.
import { describe, expect, it } from 'vitest';

import { ESCU_SETTINGS } from '../../../src/core/detect/detection-settings.ts';
import { ALLOW_LIST_STORAGE_KEY, loadAllowList, saveAllowList } from '../../../src/ui/allow-list-storage.ts';
import { draftFromSettings, settingsFromDraft } from '../../../src/ui/settings-draft.ts';
import { SETTINGS_STORAGE_KEY, loadSettings, saveSettings } from '../../../src/ui/settings-storage.ts';

/** Returns a Storage stand-in over a Map, enough for getItem and setItem. */
function memoryStorage(initial: Record<string, string> = {}): Pick<Storage, 'getItem' | 'setItem'> & { items: Map<string, string> } {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, value);
    },
  };
}

describe('loadSettings', () => {
  it('returns ESCU settings when nothing is stored', () => {
    expect(loadSettings(memoryStorage())).toEqual({ settings: { ...ESCU_SETTINGS } });
  });

  it('reads back saved settings', () => {
    const storage = memoryStorage();
    const settings = { ...ESCU_SETTINGS, graphAppIds: [...ESCU_SETTINGS.graphAppIds], threshold: 3, window: 'sliding' as const };

    expect(saveSettings(storage, settings)).toBeUndefined();
    expect(loadSettings(storage)).toEqual({ settings });
  });

  it('falls back to ESCU for text that is not JSON', () => {
    const loaded = loadSettings(memoryStorage({ [SETTINGS_STORAGE_KEY]: '{"threshold": 3' }));

    expect(loaded.settings).toEqual({ ...ESCU_SETTINGS });
    expect(loaded.problem).toMatch(/^The saved detection settings are not valid JSON/);
  });

  it('replaces only the invalid field', () => {
    const loaded = loadSettings(memoryStorage({ [SETTINGS_STORAGE_KEY]: JSON.stringify({ threshold: 3, spanSeconds: 'ten minutes' }) }));

    expect(loaded.settings.threshold).toBe(3);
    expect(loaded.settings.spanSeconds).toBe(600);
    expect(loaded.problem).toContain('spanSeconds');
  });

  it('reports storage that cannot be read', () => {
    const blocked = {
      getItem: () => {
        throw new Error('The operation is insecure.');
      },
    };

    const loaded = loadSettings(blocked);

    expect(loaded.settings).toEqual({ ...ESCU_SETTINGS });
    expect(loaded.problem).toContain('The operation is insecure.');
  });
});

describe('loadAllowList', () => {
  it('round-trips a saved list', () => {
    const storage = memoryStorage();
    const entries = [{ field: 'ClientIPAddress' as const, value: '192.0.2.0/24', note: 'Backup appliance subnet' }];

    expect(saveAllowList(storage, entries)).toBeUndefined();
    expect(loadAllowList(storage)).toEqual({ entries });
  });

  it('applies no entry of an invalid list', () => {
    const stored = JSON.stringify([
      { field: 'ClientAppId', value: '5b9e7c31-0d2a-4c8f-9e61-a3b4c5d6e7f8', note: 'Archiver' },
      { field: 'ClientIPAddress', value: '10.0.0.300', note: 'Typo' },
    ]);

    const loaded = loadAllowList(memoryStorage({ [ALLOW_LIST_STORAGE_KEY]: stored }));

    expect(loaded.entries).toEqual([]);
    expect(loaded.problem).toContain('Entry 2, field "value"');
  });
});

describe('settingsFromDraft', () => {
  it('accepts the ESCU draft unchanged', () => {
    const escu = { ...ESCU_SETTINGS, graphAppIds: [...ESCU_SETTINGS.graphAppIds] };

    expect(settingsFromDraft(draftFromSettings(escu))).toEqual({ errors: {}, settings: escu });
  });

  it('names each invalid field', () => {
    const draft = { ...draftFromSettings(ESCU_SETTINGS), spanSeconds: '0', threshold: '2.5', graphAppIds: '00000003-0000-0000-c000-000000000000\nGraph', ewsPattern: '(' };

    const { settings, errors } = settingsFromDraft(draft);

    expect(settings).toBeUndefined();
    expect(errors.spanSeconds).toContain('"0" is not a bin span');
    expect(errors.threshold).toContain('"2.5" is not a threshold');
    expect(errors.graphAppIds).toContain('Line 2, "Graph"');
    expect(errors.ewsPattern).toMatch(/^Invalid regular expression/);
  });

  it('reads an empty EWS pattern as the test turned off', () => {
    const { settings } = settingsFromDraft({ ...draftFromSettings(ESCU_SETTINGS), ewsPattern: '', graphAppIds: ' 00000003-0000-0000-C000-000000000000 \n\n' });

    expect(settings?.ewsPattern).toBe('');
    expect(settings?.graphAppIds).toEqual(['00000003-0000-0000-c000-000000000000']);
  });
});
