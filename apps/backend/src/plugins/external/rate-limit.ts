import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';

/**
 * Per-client request budget. The key is `request.ip`: the socket's peer, or the address in
 * X-Forwarded-For when the peer is a trusted proxy (`TRUST_PROXY`), so a client can neither share
 * nor dodge its budget by forging the header. Over budget: a 429 problem with `Retry-After`.
 * Turned off with `RATE_LIMIT_PER_MINUTE=0` (benchmarks). In memory per task: with N tasks a
 * client gets up to N times the budget, which is fine for abuse protection.
 */
export default fp(
  async (app) => {
    const max = app.config.rateLimitPerMinute;
    if (max === 0) return;
    await app.register(rateLimit, { global: true, max, timeWindow: 60_000 });
  },
  { name: 'rate-limit', dependencies: ['config'] },
);
