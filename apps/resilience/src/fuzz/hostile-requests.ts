import fc from 'fast-check';
import { BODY_LIMIT_BYTES, TITLE_MAX_LENGTH } from '@todo/contract';
import type { RawRequest } from '../support/http';

/** A generated request, with why it must not change the table when it is not read-only. */
export interface HostileRequest extends RawRequest {
  /** Which family of tricks it comes from, for the tallies in the results. */
  family: string;
}

/** Methods that never change anything, so any status is acceptable for the table. */
export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * Ids that are never a stored todo: out of range, not canonical decimal, not numbers at all, or
 * valid ids the table does not hold. Every one must be answered with 400 or 404.
 */
function absentIdArbitrary(existingIds: ReadonlySet<number>): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(
      '0', '-1', '-0', '00', '01', '1.0', '1e3', '1E0', '0x1F', '0b1', '+1', ' 1', '1 ', '1_000',
      String(MAX_SAFE + 1), String(-MAX_SAFE), '99999999999999999999', '1'.repeat(400), 'NaN', 'Infinity',
      'null', 'undefined', 'true', '[]', '{}', 'abc', '\u0661', '\uff11', '1;', '1,2', "1' OR '1'='1",
      '1%00', '%00', '%2e%2e', '..', '.', '%', '%zz', '%u0031', '1%20', '%2F', '~', '$', '*',
    ),
    fc.integer({ min: -MAX_SAFE, max: 0 }).map(String),
    fc.bigInt({ min: BigInt(MAX_SAFE) + 1n, max: 10n ** 30n }).map(String),
    fc.integer({ min: 1, max: MAX_SAFE }).filter((id) => !existingIds.has(id)).map(String),
    fc.stringMatching(/^[A-Za-z0-9._~%-]{1,40}$/).filter((id) => !/^[1-9][0-9]*$/.test(id) || !existingIds.has(Number(id))),
  );
}

/** A path segment or query value, percent-encoded in one of several ways a router might mis-decode. */
function encodings(value: string): fc.Arbitrary<string> {
  const percent = (text: string) => [...text].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
  return fc.constantFrom(
    encodeURIComponent(value),
    /^[\x21-\x7e]*$/.test(value) && !/[?#]/.test(value) ? value : encodeURIComponent(value),
    [...value].every((c) => c.charCodeAt(0) < 0x80) ? percent(value) : encodeURIComponent(value),
    encodeURIComponent(encodeURIComponent(value)),
  );
}

const traversalTricks = fc.constantFrom(
  '/api/../etc/passwd', '/api/todos/../../etc/passwd', '/api/%2e%2e/%2e%2e/etc/passwd', '/api/todos/..%2f..%2fetc%2fpasswd',
  '/api/todos/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/api/todos/..%252f..%252fetc', '//api//todos', '/api/./todos',
  '/api/todos/./', '/api/todos%2f', '/api%2ftodos', '/API/TODOS', '/api/todos%00', '/api/todos/%00', '/api/todos;x=1',
  '/api/todos/..;/', '/api/todos/%c0%ae%c0%ae/', '/api/todos\\..\\..\\', '/..%5c..%5cetc/passwd', '/.env', '/.git/config',
  '/api/.env', '/api/openapi.json/..', '/ready/../api/todos', '/ishealthy%00', '/api/todos#frag', '/%2e%2e/%2e%2e/',
  '/index.html/..%2f..%2fetc%2fpasswd', '/assets/..%2f..%2f..%2fetc%2fpasswd', '/api/todos/1/../../../etc/passwd',
  '/api/todos?%00=1', '/api/todos/%', '/api/todos/%G0', '/nginx.conf', '/api/todos/\u00e9',
);

const knownPaths = fc.constantFrom('/api/todos', '/api/todos/', '/api', '/api/', '/api/openapi.json', '/ready', '/ishealthy', '/', '/index.html', '/healthz', '/api/healthz', '/api/ready');

/** Query strings: out-of-range limits, forged cursors, bad filters, pollution attempts. */
const queryArbitrary: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom('0', '-1', '101', '1e2', '1.5', 'abc', '', '99999999999999999999', '5', '100', '0x10', 'null').map((v) => `limit=${v}`),
      forgedCursor().chain(encodings).map((v) => `cursor=${v}`),
      // Never exactly `completed=true`: with DELETE that is the legitimate bulk delete.
      fc.constantFrom('false', 'maybe', '', '1', '0', 'TRUE', 'yes', '[true]', 'true,true').map((v) => `completed=${encodeURIComponent(v)}`),
      fc.constantFrom('__proto__[completed]=true', 'constructor[prototype][x]=1', 'a[b][c]=d', 'limit[]=1', 'cursor[]=x', '=', '&&&', '%00=%00', 'x=%'),
      fc.tuple(fc.stringMatching(/^[a-z_]{1,12}$/), fc.stringMatching(/^[\x21-\x7e]{0,20}$/)).map(([k, v]) => `${k}=${encodeURIComponent(v)}`),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((parts) => `?${parts.join('&')}`);

/** Strings shaped like pagination cursors: base64 of JSON with wrong keys or types, garbage, overlong. */
export function forgedCursor(): fc.Arbitrary<string> {
  const b64 = (text: string) => Buffer.from(text).toString('base64url');
  const keyish = fc.dictionary(
    fc.constantFrom('TodoId', 'ListKey', 'CreatedKey', 'id', 'N', 'S', '__proto__', 'constructor', 'x'),
    fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant({ N: 'abc' }), fc.constant({ S: '' }), fc.constant({ N: '1' }), fc.constant({ B: 'AA==' })),
    { maxKeys: 4 },
  );
  return fc.oneof(
    keyish.map((key) => b64(JSON.stringify(key))),
    keyish.map((key) => Buffer.from(JSON.stringify(key)).toString('base64')),
    fc.jsonValue({ maxDepth: 3 }).map((value) => b64(JSON.stringify(value) ?? 'null')),
    fc.stringMatching(/^[A-Za-z0-9_-]{1,80}$/),
    fc.string({ maxLength: 40 }),
    fc.constantFrom('A'.repeat(1025), 'A'.repeat(5000), '====', '%00', b64('{"TodoId":{"N":"1"},"ListKey":{"S":"todos"}}'), b64('{'), b64('[]')),
  );
}

/**
 * Bodies no correct API may accept: broken JSON, the wrong top-level type, titles that are empty,
 * blank or too long, values no schema coercion turns into a boolean, bodies over the size limit,
 * random bytes. (Deliberately no "valid title plus an extra field": a server may drop extras.)
 */
export function defectiveBody(): fc.Arbitrary<string | Buffer> {
  return fc.oneof(
    { weight: 60, arbitrary: fc.constantFrom(
      '{', '}', '{"title":', '{"title":"x"', "{'title':'x'}", '{"title":"x",}', '{title:"x"}', 'undefined', 'NaN', '\u0000',
      '[]', 'null', '"a title"', '1', 'true', '{}', '{"title":""}', '{"title":"   "}', '{"title":"\\t\\n"}',
      '{"title":{}}', '{"title":[1,2]}', '{"title":true,"completed":"maybe"}', '{"completed":"maybe"}', '{"completed":{}}',
      '{"completed":[true,false]}', '{"title":"","completed":true}', '{"__proto__":{"completed":true}}',
      '{"constructor":{"prototype":{"completed":true}}}', `${'['.repeat(5000)}${']'.repeat(5000)}`, `{"title":${'['.repeat(2000)}`,
      `{"title":"${'x'.repeat(TITLE_MAX_LENGTH + 1)}"}`, `{"title":" ${'x'.repeat(TITLE_MAX_LENGTH + 1)} "}`,
      '{"title":"x"}{"title":"y"}', '{"title":"x"}garbage', 'title=x', '--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--x--',
    ) },
    { weight: 30, arbitrary: fc.string({ maxLength: 200 }).filter((text) => !isAcceptableBody(text)) },
    { weight: 20, arbitrary: fc.uint8Array({ maxLength: 256 }).map((bytes) => Buffer.from(bytes)).filter((bytes) => !isAcceptableBody(bytes.toString('utf8'))) },
    { weight: 20, arbitrary: fc.record({ title: fc.oneof(fc.constant(''), fc.stringMatching(/^\s{1,10}$/), fc.string({ minLength: TITLE_MAX_LENGTH + 1, maxLength: TITLE_MAX_LENGTH + 50 }).filter((t) => t.trim().length > TITLE_MAX_LENGTH)) }).map((body) => JSON.stringify(body)) },
    { weight: 10, arbitrary: fc.integer({ min: BODY_LIMIT_BYTES + 1, max: BODY_LIMIT_BYTES * 3 }).map((size) => JSON.stringify({ title: 'x'.repeat(size) })) },
    // Over nginx's own client_max_body_size (1 MiB by default): kept rare, they are slow to send.
    { weight: 1, arbitrary: fc.constant(`{"title":"${'x'.repeat(1_100_000)}"}`) },
  );
}

/** Whether some lenient server could parse `text` as a todo creation or change (never generated as a defect). */
function isAcceptableBody(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0;
  } catch {
    return false;
  }
}

/** `arbitrary`'s values in about `percent`% of cases, `undefined` otherwise. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 100 - percent, arbitrary: fc.constant(undefined) }, { weight: percent, arbitrary });
}

const contentTypes = fc.constantFrom(
  'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=latin1', 'application/problem+json',
  '*/*', 'application/json, text/plain', 'application/JSON', 'json', 'application/json; charset=utf-16',
);

/** Headers: hostile values for the ones the API reads, random extras, and now and then a huge one. */
function headersArbitrary(): fc.Arbitrary<Record<string, string>> {
  const reserved = ['host', 'content-length', 'transfer-encoding', 'connection', 'expect', 'upgrade', 'te', 'trailer'];
  const extra = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9-]{0,24}$/), fc.stringMatching(/^[\x21-\x7e][\x20-\x7e]{0,58}[\x21-\x7e]$/)).filter(([name]) => !reserved.includes(name));
  return fc
    .record({
      'content-type': sometimes(contentTypes, 90),
      'if-match': sometimes(fc.constantFrom('*', '"0"', '"-1"', 'W/"1"', '"abc"', '1', '""', '"1", "2"', '"99999999999999999999"', '"1', 'null'), 30),
      accept: sometimes(fc.constantFrom('application/json', 'text/html', '*/*', 'application/xml', 'image/png'), 30),
      'x-forwarded-for': sometimes(fc.constantFrom('1.2.3.4', '127.0.0.1', '::1', 'garbage', '1.2.3.4, 5.6.7.8', '999.999.999.999'), 20),
      'accept-encoding': sometimes(fc.constantFrom('gzip', 'br', 'identity', 'gzip;q=0, *;q=0', 'x'), 20),
      extras: fc.array(extra, { maxLength: 3 }),
      // Past nginx's large_client_header_buffers (8 KiB by default): nginx itself must refuse it.
      padding: sometimes(fc.constantFrom('x'.repeat(9_000), 'y'.repeat(20_000)), 2),
    })
    .map(({ extras, padding, ...named }) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of extras) headers[name] = value;
      for (const [name, value] of Object.entries(named)) if (value !== undefined) headers[name] = value;
      if (padding) headers['x-padding'] = padding;
      return headers;
    });
}

/**
 * Hostile requests for a table holding `existingIds`. Every request with a method that is not read-only
 * carries at least one defect that makes a correct server refuse it (an absent or malformed id, a
 * defective body, a stale `If-Match`, no `completed=true` on the bulk delete), so none may change the table.
 */
export function hostileRequest(existingIds: readonly number[]): fc.Arbitrary<HostileRequest> {
  const existing = new Set(existingIds);
  const absentId = absentIdArbitrary(existing).chain(encodings);
  const existingId = fc.constantFrom(...existingIds).map(String);
  const anyId = fc.oneof(absentId, existingId);
  const query = sometimes(queryArbitrary, 40);
  const headers = headersArbitrary();

  const reads = fc.record({
    family: fc.constant('read'),
    method: fc.constantFrom('GET', 'HEAD', 'OPTIONS'),
    path: fc.oneof(knownPaths, traversalTricks, anyId.map((id) => `/api/todos/${id}`)),
    query,
    headers,
    body: sometimes(defectiveBody(), 10),
  });
  const creates = fc.record({
    family: fc.constant('create'),
    method: fc.constant('POST'),
    path: fc.oneof(fc.constantFrom('/api/todos', '/api/todos/', '//api/todos', '/api/./todos'), anyId.map((id) => `/api/todos/${id}`)),
    query,
    headers,
    body: defectiveBody(),
  });
  const changes = fc.oneof(
    fc.record({ family: fc.constant('change-absent'), method: fc.constant('PATCH'), path: absentId.map((id) => `/api/todos/${id}`), query, headers, body: fc.oneof(defectiveBody(), fc.constant('{"completed":true}'), fc.constant('{"title":"fuzzed"}')) }),
    fc.record({ family: fc.constant('change-defective'), method: fc.constant('PATCH'), path: existingId.map((id) => `/api/todos/${id}`), query, headers, body: defectiveBody() }),
    fc.record({
      family: fc.constant('change-stale'),
      method: fc.constant('PATCH'),
      path: existingId.map((id) => `/api/todos/${id}`),
      query,
      headers: headers.map((h) => ({ ...h, 'content-type': 'application/json', 'if-match': '"999999"' })),
      body: fc.constantFrom('{"completed":true}', '{"title":"stale writer"}'),
    }),
    fc.record({ family: fc.constant('bulk-change'), method: fc.constant('PATCH'), path: fc.constantFrom('/api/todos', '/api/todos/'), query, headers, body: defectiveBody() }),
  );
  const deletes = fc.oneof(
    fc.record({ family: fc.constant('delete-absent'), method: fc.constant('DELETE'), path: absentId.map((id) => `/api/todos/${id}`), query, headers, body: sometimes(defectiveBody(), 10) }),
    fc.record({ family: fc.constant('bulk-delete'), method: fc.constant('DELETE'), path: fc.constantFrom('/api/todos', '/api/todos/'), query, headers, body: sometimes(defectiveBody(), 10) }),
  );
  const oddMethods = fc.record({
    family: fc.constant('odd-method'),
    method: fc.constantFrom('PUT', 'TRACE', 'PROPFIND', 'FOO', 'get', 'M-SEARCH', 'PURGE', 'LOCK'),
    path: fc.oneof(knownPaths, traversalTricks, anyId.map((id) => `/api/todos/${id}`)),
    query,
    headers,
    body: sometimes(defectiveBody(), 50),
  });
  const traversals = fc.record({
    family: fc.constant('traversal'),
    method: fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE'),
    path: traversalTricks,
    query,
    headers,
    body: defectiveBody(),
  });

  return fc
    .oneof(
      { weight: 4, arbitrary: reads },
      { weight: 3, arbitrary: creates },
      { weight: 4, arbitrary: changes },
      { weight: 2, arbitrary: deletes },
      { weight: 1, arbitrary: oddMethods },
      { weight: 2, arbitrary: traversals },
    )
    .map(({ query: q, path, body, ...rest }) => ({
      ...rest,
      // A fragment or query already in a trick path keeps its place; ours goes after it.
      path: `${path}${q ? (path.includes('?') ? `&${q.slice(1)}` : q) : ''}`,
      body: rest.method === 'HEAD' ? undefined : body,
    }));
}
