// Containers that hold many records: Graph pages ({"value":[...]}), Log Analytics query results
// ({"tables":[{"columns":[...],"rows":[[...]]}]}) and Defender advanced hunting results
// ({"schema":[...],"results":[...]} from Graph, {"Schema":[...],"Results":[...]} from the older API).
import type { InputFormat } from '../../types.ts';
import { isPlainObject } from './object-keys.ts';

export interface ResultSet {
  /** Each element as the container stores it: an object, or something the caller skips. */
  elements: unknown[];
  shape: InputFormat;
}

/** Returns the elements of a result container, or undefined when `value` is not one. */
export function readResultSet(value: Record<string, unknown>): ResultSet | undefined {
  if (Array.isArray(value.value)) {
    return { elements: value.value, shape: 'graph-json' };
  }

  if (Array.isArray(value.tables)) {
    return { elements: value.tables.flatMap(readTableRows), shape: 'log-analytics-json' };
  }

  // Graph's runHuntingQuery writes camelCase names, the older Defender API PascalCase.
  const results = value.results ?? value.Results;
  const hasSchema = Object.hasOwn(value, 'schema') || Object.hasOwn(value, 'Schema');
  if (hasSchema && Array.isArray(results)) {
    return { elements: results, shape: 'defender-json' };
  }

  return undefined;
}

/** Zips each row of a Log Analytics table with its column names. A malformed table yields its rows as they are, to be skipped. */
function readTableRows(table: unknown): unknown[] {
  if (!isPlainObject(table) || !Array.isArray(table.rows)) {
    return [table];
  }

  const names = Array.isArray(table.columns) ? table.columns.map(readColumnName) : [];
  return table.rows.map((row: unknown) => {
    if (!Array.isArray(row)) return row;

    const object: Record<string, unknown> = {};
    row.forEach((cell: unknown, index) => {
      const name = names[index];
      if (name !== undefined) object[name] = cell;
    });
    return object;
  });
}

function readColumnName(column: unknown): string | undefined {
  if (typeof column === 'string') return column;
  if (isPlainObject(column) && typeof column.name === 'string') return column.name;
  return undefined;
}
