import { CURSOR_MAX_LENGTH } from '@todo/contract';
import { creationKey } from '@todo/todo-table';

/** Where a page ended in the creation index: the last item's id and index sort key. */
export interface ListPosition {
  id: number;
  createdKey: string;
}

/** The filter a cursor was made for; a cursor is only valid with the same filter. */
type FilterName = 'all' | 'completed' | 'open';

interface CursorBody {
  v: 1;
  f: FilterName;
  id: number;
  k: string;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const CREATED_KEY = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)#\d{16}$/;

function filterName(completed: boolean | undefined): FilterName {
  return completed === undefined ? 'all' : completed ? 'completed' : 'open';
}

/** An opaque cursor: base64url JSON of the position and the filter it belongs to. */
export function encodeCursor(position: ListPosition, completed: boolean | undefined): string {
  const body: CursorBody = { v: 1, f: filterName(completed), id: position.id, k: position.createdKey };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/**
 * Reads a cursor made by `encodeCursor` for the same filter.
 * @returns undefined for anything else: a tampered, truncated, foreign or other filter's cursor.
 */
export function decodeCursor(cursor: string, completed: boolean | undefined): ListPosition | undefined {
  if (cursor.length > CURSOR_MAX_LENGTH || !BASE64URL.test(cursor)) return undefined;
  const bytes = Buffer.from(cursor, 'base64url');
  // Only the canonical encoding is accepted, so one position has exactly one cursor.
  if (bytes.toString('base64url') !== cursor) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isCursorBody(body) || body.f !== filterName(completed)) return undefined;
  return { id: body.id, createdKey: body.k };
}

function isCursorBody(value: unknown): value is CursorBody {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const body = value as Record<string, unknown>;
  if (Object.keys(body).sort().join() !== 'f,id,k,v' || body['v'] !== 1) return false;
  const { f, id, k } = body;
  if (f !== 'all' && f !== 'completed' && f !== 'open') return false;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1 || typeof k !== 'string') return false;
  const match = CREATED_KEY.exec(k);
  return match !== null && !Number.isNaN(Date.parse(match[1] as string)) && k === creationKey(match[1] as string, id);
}
