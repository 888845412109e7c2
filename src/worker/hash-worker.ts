// Nested worker that computes the SHA-256 of dropped files while the analysis worker reads them,
// so the hash uses the second core instead of slowing the analysis down: hashing in JavaScript
// runs at about the speed of the analysis itself.
import * as Comlink from 'comlink';

import { Sha256 } from '../core/hash/sha256.ts';

/** Bytes per read, as the analysis reads. */
const SLICE_BYTES = 8 * 1024 * 1024;

/** Methods of the hash worker. */
export interface HashWorkerApi {
  /** SHA-256 of each file, in order, as 64 lower-case hexadecimal digits. */
  sha256(files: Blob[]): Promise<string[]>;
}

async function sha256OfFile(file: Blob): Promise<string> {
  const hash = new Sha256();
  let next = file.slice(0, SLICE_BYTES).arrayBuffer();
  for (let start = 0; start < file.size; start += SLICE_BYTES) {
    const bytes = new Uint8Array(await next);
    const following = start + SLICE_BYTES;
    if (following < file.size) next = file.slice(following, following + SLICE_BYTES).arrayBuffer();
    hash.update(bytes);
  }
  return hash.digestHex();
}

const api: HashWorkerApi = {
  async sha256(files) {
    const digests: string[] = [];
    for (const file of files) digests.push(await sha256OfFile(file));
    return digests;
  },
};

Comlink.expose(api);
