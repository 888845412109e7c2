/** A compressed stream or archive that cannot be read on, with a message that names the problem. */
export class CorruptArchiveError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CorruptArchiveError';
  }
}
