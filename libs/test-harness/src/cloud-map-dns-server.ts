import { createSocket, type RemoteInfo } from 'node:dgram';
import { isIPv4 } from 'node:net';
import * as dnsPacket from 'dns-packet';

export interface CloudMapDnsServerOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 0 (any free port) */
  port?: number;
  /** TTL of every answer, in seconds. @default 1 */
  ttlSeconds?: number;
  /** Initial A records: name (any case, no trailing dot) to IPv4 addresses. @default {} */
  records?: Record<string, string[]>;
}

export interface CloudMapDnsServer {
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

/** Response codes (RFC 1035 4.1.1), carried in the low four bits of the flags. */
const RCODE_NOERROR = 0;
const RCODE_FORMERR = 1;
const RCODE_NXDOMAIN = 3;
/** The query's opcode and recursion-desired bits, echoed in the response. */
const ECHOED_FLAGS = 0x7900;

/**
 * A tiny authoritative DNS server on UDP whose answers a test can switch at any time, standing in for
 * Cloud Map's private namespace. Known names get their A records (other types: an empty NOERROR answer,
 * so a resolver asking for AAAA is not misled); unknown names get NXDOMAIN.
 */
export async function startCloudMapDnsServer(options: CloudMapDnsServerOptions = {}): Promise<CloudMapDnsServer> {
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

/** Builds the reply to one query, or nothing when the bytes are not even a DNS header. */
function answer(message: Buffer, records: Map<string, string[]>, queries: Map<string, number>, ttl: number): Buffer | undefined {
  if (message.length < 12) return undefined;
  let query: dnsPacket.DecodedPacket | undefined;
  try {
    query = dnsPacket.decode(message);
  } catch {
    // Malformed past the header: answer FORMERR to the id it carries.
  }
  const question = query?.questions?.length === 1 ? query.questions[0] : undefined;
  // This server never recurses, so recursion-available stays off.
  const flags = dnsPacket.AUTHORITATIVE_ANSWER | ((query?.flags ?? 0) & ECHOED_FLAGS);
  if (!query || !question) return dnsPacket.encode({ type: 'response', id: message.readUInt16BE(0), flags: flags | RCODE_FORMERR, questions: [] });
  const name = normalize(question.name);
  queries.set(name, (queries.get(name) ?? 0) + 1);
  const addresses = records.get(name);
  const answers = addresses && question.type === 'A' ? addresses : [];
  return dnsPacket.encode({
    type: 'response',
    id: query.id,
    flags: flags | (addresses ? RCODE_NOERROR : RCODE_NXDOMAIN),
    questions: [question],
    answers: answers.map((data) => ({ type: 'A', class: 'IN', name: question.name, ttl, data })),
  });
}
