// Key lookups on parsed wrapper objects: case-insensitive names and dotted paths.

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns the first own key of `object` whose lower-case form is one of `lowerCaseNames`, in their order. */
export function findKey(object: Record<string, unknown>, lowerCaseNames: readonly string[]): string | undefined {
  const keys = Object.keys(object);
  for (const name of lowerCaseNames) {
    const key = keys.find((candidate) => candidate.toLowerCase() === name);
    if (key !== undefined) return key;
  }
  return undefined;
}

/**
 * Reads a dotted path such as `event.original` whether the document nests objects
 * (`{"event":{"original":...}}`), uses dotted keys (`{"event.original":...}`) or mixes both,
 * as Elastic documents do.
 */
export function readPath(object: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(object, path)) {
    return object[path];
  }

  let dot = path.indexOf('.');
  while (dot !== -1) {
    const head = object[path.slice(0, dot)];
    if (isPlainObject(head)) {
      const found = readPath(head, path.slice(dot + 1));
      if (found !== undefined) return found;
    }
    dot = path.indexOf('.', dot + 1);
  }

  return undefined;
}

/** Text of a scalar wrapper value: strings as written, finite numbers in decimal; else undefined. */
export function readScalarText(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value.trim() === '' ? undefined : value;
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  return undefined;
}

/** Sets `value` under `key` unless `record` already has a non-empty value there. */
export function fillMissing(record: Record<string, unknown>, key: string, value: unknown): void {
  const current = record[key];
  if ((current === undefined || current === null || current === '') && value !== undefined && value !== null && value !== '') {
    record[key] = value;
  }
}
