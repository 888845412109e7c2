// RecordIdLog and RecordIdCursor: a logged range of record ids, replayed into an IdSet, must give
// the same return values as adding the original ids to that IdSet.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { IdSet } from '../../../src/core/index/id-set.ts';
import { RECORD_ID_GUID, RECORD_ID_NONE, RECORD_ID_OTHER, RecordIdCursor, RecordIdLog } from '../../../src/core/index/record-id-log.ts';
import type { RecordIdLogState } from '../../../src/core/index/record-id-log.ts';

const SAMPLE_ID = '9cef02e9-4bfa-4c73-be7d-9dad68b9cea8';
const SAMPLE_WORDS = [0x9cef02e9, 0x4bfa4c73, 0xbe7d9dad, 0x68b9cea8];
const NIL_GUID = '00000000-0000-0000-0000-000000000000';

function logOf(ids: readonly (string | undefined)[]): RecordIdLog {
  const log = new RecordIdLog();
  for (const id of ids) {
    log.append(id);
  }
  return log;
}

function addDirectly(set: IdSet, ids: readonly (string | undefined)[]): boolean[] {
  return ids.map((id) => set.add(id));
}

function replay(set: IdSet, state: RecordIdLogState): boolean[] {
  const cursor = new RecordIdCursor(state);
  const answers: boolean[] = [];
  while (cursor.remaining > 0) {
    answers.push(cursor.addNextTo(set));
  }
  return answers;
}

describe('RecordIdLog snapshot', () => {
  it('stores kinds, GUID words and other ids', () => {
    const state = logOf([SAMPLE_ID, undefined, 'record-17', `{${SAMPLE_ID.toUpperCase()}}`, NIL_GUID, '12345']).snapshot();

    expect(Array.from(state.kinds)).toEqual([RECORD_ID_GUID, RECORD_ID_NONE, RECORD_ID_OTHER, RECORD_ID_GUID, RECORD_ID_GUID, RECORD_ID_OTHER]);
    expect(Array.from(state.guidWords)).toEqual([...SAMPLE_WORDS, ...SAMPLE_WORDS, 0, 0, 0, 0]);
    expect(state.otherIds).toEqual(['record-17', '12345']);
  });

  it('has exact lengths after growing', () => {
    const ids = Array.from({ length: 3000 }, (_, serial) => (serial % 3 === 0 ? `other-${serial}` : `${serial.toString(16).padStart(8, '0')}-0000-4000-8000-000000000001`));
    const log = logOf(ids);
    const state = log.snapshot();

    expect(log.size).toBe(3000);
    expect(state.kinds.length).toBe(3000);
    expect(state.guidWords.length).toBe(2000 * 4);
    expect(state.otherIds.length).toBe(1000);
    expect(state.guidWords[4 * 1999]).toBe(2999);
    expect(state.otherIds[999]).toBe('other-2997');
  });

  it('is a copy that later appends leave unchanged', () => {
    const log = logOf([SAMPLE_ID, 'record-17']);
    const state = log.snapshot();
    log.append(NIL_GUID);
    log.append('record-18');

    expect(state.kinds.length).toBe(2);
    expect(state.guidWords.length).toBe(4);
    expect(state.otherIds).toEqual(['record-17']);
  });

  it('is empty for an empty log', () => {
    const state = new RecordIdLog().snapshot();

    expect(state.kinds.length).toBe(0);
    expect(state.guidWords.length).toBe(0);
    expect(state.otherIds).toEqual([]);
  });
});

describe('RecordIdCursor', () => {
  it('matches IdSet.add for every id form', () => {
    const ids = [
      SAMPLE_ID,
      SAMPLE_ID.toUpperCase(),
      `{${SAMPLE_ID}}`,
      `{${SAMPLE_ID.toUpperCase()}}`,
      undefined,
      undefined,
      NIL_GUID,
      `{${NIL_GUID}}`,
      'record-17',
      'RECORD-17',
      'record-17',
      '12345',
      '12345',
      `{${SAMPLE_ID}`,
      '8cef02e9-4bfa-4c73-be7d-9dad68b9cea8',
    ];
    const expected = [true, false, false, false, true, true, true, false, true, true, false, true, false, true, true];

    expect(addDirectly(new IdSet(), ids)).toEqual(expected);
    expect(replay(new IdSet(), logOf(ids).snapshot())).toEqual(expected);
  });

  it('continues a set filled by an earlier range', () => {
    const set = new IdSet();
    addDirectly(set, [SAMPLE_ID, 'record-17', NIL_GUID]);
    const answers = replay(set, logOf([SAMPLE_ID.toUpperCase(), 'record-17', `{${NIL_GUID}}`, 'record-18', undefined]).snapshot());

    expect(answers).toEqual([false, false, false, true, true]);
    expect(set.size).toBe(4);
  });

  it('counts down the remaining records', () => {
    const cursor = new RecordIdCursor(logOf([SAMPLE_ID, undefined]).snapshot());
    const set = new IdSet();

    expect(cursor.remaining).toBe(2);
    cursor.addNextTo(set);
    expect(cursor.remaining).toBe(1);
    cursor.addNextTo(set);
    expect(cursor.remaining).toBe(0);
  });

  it('throws past the last record', () => {
    const cursor = new RecordIdCursor(logOf(['record-17']).snapshot());
    cursor.addNextTo(new IdSet());

    expect(() => cursor.addNextTo(new IdSet())).toThrow('No record id left: all 1 logged records were already read.');
  });

  it('rejects an unknown kind', () => {
    const state: RecordIdLogState = { kinds: Uint8Array.of(7), guidWords: new Uint32Array(0), otherIds: [] };

    expect(() => new RecordIdCursor(state).addNextTo(new IdSet())).toThrow('Invalid RecordIdLogState: record 0 has unknown kind 7.');
  });

  it('rejects a missing other id', () => {
    const state: RecordIdLogState = { kinds: Uint8Array.of(RECORD_ID_OTHER), guidWords: new Uint32Array(0), otherIds: [] };

    expect(() => new RecordIdCursor(state).addNextTo(new IdSet())).toThrow('Invalid RecordIdLogState: record 0 is an other id, but otherIds has only 0 entries.');
  });

  it('rejects missing GUID words', () => {
    const state: RecordIdLogState = { kinds: Uint8Array.of(RECORD_ID_GUID, RECORD_ID_GUID), guidWords: Uint32Array.from(SAMPLE_WORDS), otherIds: [] };
    const cursor = new RecordIdCursor(state);
    const set = new IdSet();

    expect(cursor.addNextTo(set)).toBe(true);
    expect(() => cursor.addNextTo(set)).toThrow(RangeError);
  });
});

describe('IdSet.addGuidWords', () => {
  it('matches add at any offset', () => {
    const set = new IdSet();
    const words = Uint32Array.from([0, 0, 0, 0, ...SAMPLE_WORDS]);

    expect(set.addGuidWords(words, 4)).toBe(true);
    expect(set.add(SAMPLE_ID)).toBe(false);
    expect(set.addGuidWords(words, 0)).toBe(true);
    expect(set.add(NIL_GUID)).toBe(false);
    expect(set.size).toBe(2);
  });

  it('rejects an offset whose words do not fit', () => {
    const words = new Uint32Array(8);

    expect(() => new IdSet().addGuidWords(words, 5)).toThrow('Invalid GUID offset 5');
    expect(() => new IdSet().addGuidWords(words, -1)).toThrow(RangeError);
    expect(() => new IdSet().addGuidWords(words, 1.5)).toThrow(RangeError);
  });
});

/** Ids drawn from a small pool so that duplicates, in every spelling, are frequent. */
const POOLED_ID = fc.constantFrom<string | undefined>(
  undefined,
  SAMPLE_ID,
  SAMPLE_ID.toUpperCase(),
  `{${SAMPLE_ID}}`,
  '8cef02e9-4bfa-4c73-be7d-9dad68b9cea8',
  '{8CEF02E9-4BFA-4C73-BE7D-9DAD68B9CEA8}',
  NIL_GUID,
  `{${NIL_GUID}}`,
  'record-17',
  'RECORD-17',
  '12345',
  `{${SAMPLE_ID}`,
  '',
);

const RECORD_ID = fc.oneof({ arbitrary: POOLED_ID, weight: 4 }, { arbitrary: fc.uuid(), weight: 1 }, { arbitrary: fc.string({ maxLength: 40 }), weight: 1 });

describe('record-id log properties', () => {
  it('replays as IdSet.add after an earlier range', () => {
    fc.assert(
      fc.property(fc.array(RECORD_ID, { maxLength: 60 }), fc.array(RECORD_ID, { maxLength: 200 }), (earlier, later) => {
        const direct = new IdSet();
        addDirectly(direct, earlier);
        const expected = addDirectly(direct, later);

        const replayed = new IdSet();
        addDirectly(replayed, earlier);
        const answers = replay(replayed, structuredClone(logOf(later).snapshot()));

        expect(answers).toEqual(expected);
        expect(replayed.size).toBe(direct.size);
      }),
      { numRuns: 400 },
    );
  });

  it('survives structuredClone unchanged', () => {
    fc.assert(
      fc.property(fc.array(RECORD_ID, { maxLength: 100 }), (ids) => {
        const state = logOf(ids).snapshot();
        const cloned = structuredClone(state);

        expect(cloned.kinds).toBeInstanceOf(Uint8Array);
        expect(cloned.guidWords).toBeInstanceOf(Uint32Array);
        expect(cloned).toEqual(state);
      }),
      { numRuns: 100 },
    );
  });
});
