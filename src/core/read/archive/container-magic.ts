// Recognises compressed and bundled input by its first bytes, never by its name.

export type Container = 'gzip' | 'zip';

/**
 * Returns the container whose signature `head` starts with: gzip `1F 8B`, a ZIP local file header
 * `50 4B 03 04`, or the end-of-central-directory record `50 4B 05 06` that an empty ZIP consists of.
 */
export function detectContainer(head: Uint8Array): Container | undefined {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';

  const isZip = head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 0x03 && head[3] === 0x04) || (head[2] === 0x05 && head[3] === 0x06));
  return isZip ? 'zip' : undefined;
}
