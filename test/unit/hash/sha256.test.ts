import { createHash, randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { Sha256, sha256Hex } from '../../../src/core/hash/sha256.ts';

const encoder = new TextEncoder();

function nodeSha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A small deterministic generator (xorshift32), so a failing split can be reproduced from its seed. */
function randomInts(seed: number): (limit: number) => number {
  let state = seed >>> 0 || 1;
  return (limit) => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state % limit;
  };
}

describe('Sha256 known answers', () => {
  // Vectors from the NIST Secure Hashing examples (SHA256.pdf) and the NESSIE test set.
  const vectors: [string, string][] = [
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    [
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
    ['The quick brown fox jumps over the lazy dog', 'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592'],
  ];

  for (const [message, expected] of vectors) {
    it(`hashes ${JSON.stringify(message.slice(0, 20))} (${message.length} bytes)`, () => {
      expect(sha256Hex(encoder.encode(message))).toBe(expected);
    });
  }

  it('hashes one million "a" fed in uneven pieces', () => {
    const hasher = new Sha256();
    const piece = encoder.encode('a'.repeat(999));
    let fed = 0;
    while (fed < 1_000_000) {
      const length = Math.min(piece.length, 1_000_000 - fed);
      hasher.update(piece.subarray(0, length));
      fed += length;
    }

    expect(hasher.digestHex()).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('returns the 32 raw bytes of the hash', () => {
    const digest = new Sha256().update(encoder.encode('abc')).digest();

    expect(digest).toHaveLength(32);
    expect(Buffer.from(digest).toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('Sha256 against node:crypto', () => {
  it('matches at every length around the padding edges', () => {
    const data = randomBytes(200);
    for (let length = 0; length <= 200; length++) {
      const bytes = data.subarray(0, length);
      expect(sha256Hex(bytes), `length ${length}`).toBe(nodeSha256(bytes));
    }
  });

  it('matches on random data split at random points', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const next = randomInts(seed);
      const data = randomBytes(1 + next(300_000));
      const hasher = new Sha256();
      let offset = 0;
      let pieces = 0;
      while (offset < data.length) {
        // Mostly short pieces, so splits inside a block, at its edges and across many blocks all occur.
        const limit = next(4) === 0 ? 70_000 : 130;
        const end = Math.min(data.length, offset + next(limit));
        hasher.update(data.subarray(offset, end));
        offset = end;
        pieces++;
      }

      expect(hasher.digestHex(), `seed ${seed}, ${data.length} bytes in ${pieces} pieces`).toBe(nodeSha256(data));
    }
  });

  it('hashes a view into a larger buffer by its own bytes', () => {
    const backing = randomBytes(4096);
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 13, 1000);

    expect(sha256Hex(view)).toBe(nodeSha256(backing.subarray(13, 1013)));
  });
});

describe('Sha256 after the digest', () => {
  it('rejects another update', () => {
    const hasher = new Sha256().update(encoder.encode('abc'));
    hasher.digestHex();

    expect(() => hasher.update(encoder.encode('d'))).toThrow(/digest was already taken/);
  });

  it('rejects a second digest', () => {
    const hasher = new Sha256();
    hasher.digest();

    expect(() => hasher.digestHex()).toThrow(/Start a new Sha256/);
  });
});
