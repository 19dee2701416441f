import { setTimeout as sleep } from 'node:timers/promises';
import fp from 'fastify-plugin';
import type { AdoptionReport } from '../../repository/legacy/legacy-adoption';

declare module 'fastify' {
  interface FastifyInstance {
    /** The start-up pass adopting items of the original service. */
    legacyAdoption: {
      /** Settles with the report, or undefined when every attempt failed or the app closed first. Never rejects. */
      done: Promise<AdoptionReport | undefined>;
    };
  }
}

export interface LegacyAdoptionOptions {
  /** Passes to try before giving up until the next start. @default 5 */
  attempts?: number;
  /** Wait between failed passes. @default 30000 */
  retryDelayMs?: number;
}

/**
 * Once the app is ready, adopts the original service's items in the background so they show up
 * in listings. Reading, changing and bulk-changing such items works before adoption too.
 */
export default fp<LegacyAdoptionOptions>(
  async (app, options) => {
    const attempts = options.attempts ?? 5;
    const retryDelayMs = options.retryDelayMs ?? 30_000;
    const closing = new AbortController();
    let settle: (report: AdoptionReport | undefined) => void = () => undefined;
    app.decorate('legacyAdoption', { done: new Promise<AdoptionReport | undefined>((resolve) => (settle = resolve)) });

    const run = async (): Promise<AdoptionReport | undefined> => {
      for (let attempt = 1; attempt <= attempts && !closing.signal.aborted; attempt++) {
        try {
          const report = await app.todoRepository.adoptLegacyItems(closing.signal);
          app.log.info({ ...report }, 'legacy item adoption finished');
          return report;
        } catch (err) {
          app.log.warn({ err, attempt }, 'legacy item adoption failed');
          if (attempt < attempts) await sleep(retryDelayMs, undefined, { signal: closing.signal, ref: false }).catch(() => undefined);
        }
      }
      return undefined;
    };

    let running: Promise<void> = Promise.resolve();
    app.addHook('onReady', async () => {
      running = run().then(settle);
    });
    // Let a pass in flight finish its current step, so nothing touches the store after close.
    app.addHook('onClose', async () => {
      closing.abort();
      await running;
      settle(undefined);
    });
  },
  { name: 'legacy-adoption', dependencies: ['todo-repository'] },
);
