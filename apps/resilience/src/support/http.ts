import { Agent, request, type IncomingHttpHeaders } from 'node:http';

export interface RawRequest {
  method: string;
  /** Sent byte for byte as the request target: no URL parsing, so `..` and `%2e` tricks survive. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** Milliseconds from sending to the end of the body. */
  elapsedMs: number;
}

export interface Target {
  host: string;
  port: number;
  /** Source address of the connection, to act as a distinct client on loopback. @default the kernel's choice */
  localAddress?: string;
  agent?: Agent;
}

/** One HTTP/1.1 exchange that always ends: it fails after `timeoutMs` instead of hanging a test. */
export function rawRequest(target: Target, raw: RawRequest, timeoutMs = 5_000): Promise<RawResponse> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.host,
        port: target.port,
        localAddress: target.localAddress,
        agent: target.agent ?? false,
        method: raw.method,
        path: raw.path,
        headers: raw.headers,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            elapsedMs: performance.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${raw.method} ${raw.path}: no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(raw.body);
  });
}

/** A JSON exchange with the API; `body` is serialized when given. */
export function jsonRequest(
  target: Target,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  timeoutMs?: number,
): Promise<RawResponse & { json: unknown }> {
  const hasBody = body !== undefined;
  return rawRequest(
    target,
    {
      method,
      path,
      headers: { accept: 'application/json', ...(hasBody ? { 'content-type': 'application/json' } : {}), ...headers },
      body: hasBody ? JSON.stringify(body) : undefined,
    },
    timeoutMs,
  ).then((response) => ({ ...response, json: parseJson(response.body) }));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
