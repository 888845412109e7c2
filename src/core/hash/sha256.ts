// Incremental SHA-256 (FIPS 180-4). WebCrypto's `crypto.subtle.digest` takes the whole input at
// once, so a file of several hundred MB read in slices would have to be held in memory to hash it.
// This hasher takes the slices as they are read, keeps 64 bytes of state between calls, and runs
// in Node, in workers and on the main thread. It is plain JavaScript, so it needs no WebAssembly
// and no change to the page's Content Security Policy.

/** Bytes per SHA-256 message block. */
const BLOCK_BYTES = 64;

/**
 * The initial hash value and the round constants, as FIPS 180-4 sections 5.3.3 and 4.2.2 define
 * them. They are the first 32 bits of the fractional parts of the square roots of the first 8
 * primes and of the cube roots of the first 64 primes. They are computed here rather than typed
 * in, and the known-answer tests check every bit of them.
 */
const FIRST_PRIMES = firstPrimes(64);
const INITIAL_STATE = Int32Array.from(FIRST_PRIMES.slice(0, 8), (prime) => fractionBits(Math.sqrt(prime)));
const ROUND_CONSTANTS = Int32Array.from(FIRST_PRIMES, (prime) => fractionBits(Math.cbrt(prime)));

const HEX_DIGITS = '0123456789abcdef';

/**
 * A SHA-256 computation fed in pieces. Call `update` with the bytes in order, any number of times
 * and with pieces of any length, then `digest` or `digestHex` once. Throws when updated or
 * digested after the digest was taken, because the state is padded by then.
 */
export class Sha256 {
  private readonly state = Int32Array.from(INITIAL_STATE);

  /** The message schedule, reused for every block. */
  private readonly schedule = new Int32Array(64);

  /** Bytes of an incomplete block kept until the next update completes it. */
  private readonly pending = new Uint8Array(BLOCK_BYTES);
  private pendingLength = 0;

  /** Message length in bytes. Exact up to 2^53 - 1 bytes (8 PiB), far beyond any browser file. */
  private messageBytes = 0;

  private finished = false;

  /** Adds the next bytes of the message. */
  update(bytes: Uint8Array): this {
    this.checkNotFinished('update');
    this.messageBytes += bytes.length;

    let offset = 0;
    if (this.pendingLength > 0) {
      const copied = Math.min(BLOCK_BYTES - this.pendingLength, bytes.length);
      this.pending.set(bytes.subarray(0, copied), this.pendingLength);
      this.pendingLength += copied;
      offset = copied;
      if (this.pendingLength < BLOCK_BYTES) {
        return this;
      }
      this.compress(this.pending, 0);
      this.pendingLength = 0;
    }

    // Whole blocks are compressed straight from the caller's bytes, without a copy.
    const wholeBlocksEnd = offset + Math.floor((bytes.length - offset) / BLOCK_BYTES) * BLOCK_BYTES;
    for (; offset < wholeBlocksEnd; offset += BLOCK_BYTES) {
      this.compress(bytes, offset);
    }

    this.pending.set(bytes.subarray(offset), 0);
    this.pendingLength = bytes.length - offset;
    return this;
  }

  /** Pads the message, finishes the computation and returns the 32-byte hash. */
  digest(): Uint8Array {
    this.checkNotFinished('digest');
    this.finished = true;

    // Padding: one 0x80 byte, zeros up to 8 bytes short of a block boundary, then the message
    // length in bits as a 64-bit big-endian number.
    const block = this.pending;
    block[this.pendingLength] = 0x80;
    block.fill(0, this.pendingLength + 1);
    if (this.pendingLength + 1 > BLOCK_BYTES - 8) {
      this.compress(block, 0);
      block.fill(0);
    }
    const view = new DataView(block.buffer, block.byteOffset, BLOCK_BYTES);
    const bitsHigh = Math.floor(this.messageBytes / 0x2000_0000); // bytes * 8 / 2^32
    const bitsLow = (this.messageBytes * 8) % 0x1_0000_0000;
    view.setUint32(56, bitsHigh);
    view.setUint32(60, bitsLow);
    this.compress(block, 0);

    const hash = new Uint8Array(32);
    const hashView = new DataView(hash.buffer);
    for (let i = 0; i < 8; i++) {
      hashView.setInt32(i * 4, this.state[i] ?? 0);
    }
    return hash;
  }

  /** Finishes the computation and returns the hash as 64 lower-case hexadecimal digits. */
  digestHex(): string {
    let hex = '';
    for (const byte of this.digest()) {
      hex += (HEX_DIGITS[byte >>> 4] ?? '') + (HEX_DIGITS[byte & 0x0f] ?? '');
    }
    return hex;
  }

  private checkNotFinished(step: string): void {
    if (this.finished) {
      throw new Error(`Cannot ${step} a SHA-256 computation whose digest was already taken. Start a new Sha256 for new input.`);
    }
  }

  /**
   * Runs the compression function on the 64 bytes of `bytes` at `offset`. Words are 32-bit
   * integers kept as signed Int32 values, so `| 0` wraps every sum modulo 2^32.
   */
  private compress(bytes: Uint8Array, offset: number): void {
    const w = this.schedule;
    for (let t = 0; t < 16; t++) {
      const i = offset + t * 4;
      w[t] = ((bytes[i] ?? 0) << 24) | ((bytes[i + 1] ?? 0) << 16) | ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0);
    }
    for (let t = 16; t < 64; t++) {
      const w15 = w[t - 15] ?? 0;
      const w2 = w[t - 2] ?? 0;
      const sigma0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3);
      const sigma1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10);
      w[t] = (sigma1 + (w[t - 7] ?? 0) + sigma0 + (w[t - 16] ?? 0)) | 0;
    }

    const state = this.state;
    const k = ROUND_CONSTANTS;
    let a = state[0] ?? 0;
    let b = state[1] ?? 0;
    let c = state[2] ?? 0;
    let d = state[3] ?? 0;
    let e = state[4] ?? 0;
    let f = state[5] ?? 0;
    let g = state[6] ?? 0;
    let h = state[7] ?? 0;
    for (let t = 0; t < 64; t++) {
      const t1 = (h + bigSigma1(e) + choose(e, f, g) + (k[t] ?? 0) + (w[t] ?? 0)) | 0;
      const t2 = (bigSigma0(a) + majority(a, b, c)) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }

    state[0] = (state[0] ?? 0) + a;
    state[1] = (state[1] ?? 0) + b;
    state[2] = (state[2] ?? 0) + c;
    state[3] = (state[3] ?? 0) + d;
    state[4] = (state[4] ?? 0) + e;
    state[5] = (state[5] ?? 0) + f;
    state[6] = (state[6] ?? 0) + g;
    state[7] = (state[7] ?? 0) + h;
  }
}

/** Computes the SHA-256 of bytes held in memory, as lower-case hexadecimal. */
export function sha256Hex(bytes: Uint8Array): string {
  return new Sha256().update(bytes).digestHex();
}

function rotr(word: number, bits: number): number {
  return (word >>> bits) | (word << (32 - bits));
}

// The functions Σ0, Σ1, Ch and Maj of FIPS 180-4 section 4.1.2, in that order.
function bigSigma0(x: number): number {
  return rotr(x, 2) ^ rotr(x, 13) ^ rotr(x, 22);
}

function bigSigma1(x: number): number {
  return rotr(x, 6) ^ rotr(x, 11) ^ rotr(x, 25);
}

function choose(x: number, y: number, z: number): number {
  return (x & y) ^ (~x & z);
}

function majority(x: number, y: number, z: number): number {
  return (x & y) ^ (x & z) ^ (y & z);
}

/** Returns the first 32 bits of the fractional part of `root`, as a signed 32-bit integer. */
function fractionBits(root: number): number {
  return ((root - Math.floor(root)) * 0x1_0000_0000) | 0;
}

function firstPrimes(count: number): number[] {
  const primes: number[] = [];
  for (let candidate = 2; primes.length < count; candidate++) {
    if (primes.every((prime) => candidate % prime !== 0)) {
      primes.push(candidate);
    }
  }
  return primes;
}
