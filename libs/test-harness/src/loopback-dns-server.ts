import { createSocket, type RemoteInfo } from 'node:dgram';
import { isIPv4 } from 'node:net';

export interface LoopbackDnsServerOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 0 (any free port) */
  port?: number;
  /** TTL of every answer, in seconds. @default 1 */
  ttlSeconds?: number;
  /** Initial A records: name (any case, no trailing dot) to IPv4 addresses. @default {} */
  records?: Record<string, string[]>;
}

export interface LoopbackDnsServer {
  readonly host: string;
  readonly port: number;
  /** `host:port`, the form nginx's `resolver` directive takes. */
  readonly address: string;
  /** From now on, answer A queries for `name` with `addresses`; an empty list makes the name unknown (NXDOMAIN). */
  setAddresses(name: string, addresses: string[]): void;
  /** How many queries for `name` (any type) arrived so far. */
  queryCount(name: string): number;
  stop(): Promise<void>;
}

const TYPE_A = 1;
const CLASS_IN = 1;
const RCODE_NOERROR = 0;
const RCODE_FORMERR = 1;
const RCODE_NXDOMAIN = 3;

/**
 * A tiny authoritative DNS server on UDP whose answers a test can switch at any time, standing in for
 * Cloud Map's private namespace. Known names get their A records (other types: an empty NOERROR answer,
 * so a resolver asking for AAAA is not misled); unknown names get NXDOMAIN.
 */
export async function startLoopbackDnsServer(options: LoopbackDnsServerOptions = {}): Promise<LoopbackDnsServer> {
  const host = options.host ?? '127.0.0.1';
  const ttl = options.ttlSeconds ?? 1;
  const records = new Map<string, string[]>();
  const queries = new Map<string, number>();
  const setAddresses = (name: string, addresses: string[]) => {
    for (const address of addresses) if (!isIPv4(address)) throw new Error(`not an IPv4 address: ${address}`);
    if (addresses.length === 0) records.delete(normalize(name));
    else records.set(normalize(name), [...addresses]);
  };
  for (const [name, addresses] of Object.entries(options.records ?? {})) setAddresses(name, addresses);

  const socket = createSocket('udp4');
  socket.on('message', (message: Buffer, peer: RemoteInfo) => {
    const reply = answer(message, records, queries, ttl);
    if (reply) socket.send(reply, peer.port, peer.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port ?? 0, host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  const { port } = socket.address();
  return {
    host,
    port,
    address: `${host}:${port}`,
    setAddresses,
    queryCount: (name) => queries.get(normalize(name)) ?? 0,
    stop: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

interface Question {
  name: string;
  type: number;
  /** Offset just past the question's class field. */
  end: number;
}

/** Builds the reply to one query, or nothing when the bytes are not even a DNS header. */
function answer(query: Buffer, records: Map<string, string[]>, queries: Map<string, number>, ttl: number): Buffer | undefined {
  if (query.length < 12) return undefined;
  const question = query.readUInt16BE(4) === 1 ? readQuestion(query) : undefined;
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.readUInt16BE(0), 0);
  // QR=1, same opcode, AA=1, same RD; RA=0 since this server never recurses.
  const flags = 0x8000 | (query.readUInt16BE(2) & 0x7900) | 0x0400;
  if (!question) {
    header.writeUInt16BE(flags | RCODE_FORMERR, 2);
    return header;
  }
  queries.set(question.name, (queries.get(question.name) ?? 0) + 1);
  const addresses = records.get(question.name);
  const answers = addresses && question.type === TYPE_A ? addresses : [];
  header.writeUInt16BE(flags | (addresses ? RCODE_NOERROR : RCODE_NXDOMAIN), 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  const answerRecords = answers.map((address) => {
    const record = Buffer.alloc(16);
    record.writeUInt16BE(0xc00c, 0); // pointer to the question's name
    record.writeUInt16BE(TYPE_A, 2);
    record.writeUInt16BE(CLASS_IN, 4);
    record.writeUInt32BE(ttl, 6);
    record.writeUInt16BE(4, 10);
    address.split('.').forEach((octet, index) => record.writeUInt8(Number(octet), 12 + index));
    return record;
  });
  return Buffer.concat([header, query.subarray(12, question.end), ...answerRecords]);
}

function readQuestion(query: Buffer): Question | undefined {
  const labels: string[] = [];
  let offset = 12;
  while (offset < query.length) {
    const length = query.readUInt8(offset);
    offset += 1;
    if (length === 0) break;
    // Compression pointers never appear in a question from a resolver; treat them as malformed.
    if (length > 63 || offset + length > query.length) return undefined;
    labels.push(query.toString('latin1', offset, offset + length));
    offset += length;
  }
  if (offset + 4 > query.length) return undefined;
  return { name: normalize(labels.join('.')), type: query.readUInt16BE(offset), end: offset + 4 };
}
