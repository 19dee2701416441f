import { idempotencySlot } from './idempotency-record';

describe('idempotencySlot', () => {
  it('is the same negative safe integer for the same key, and never a todo id or the readiness probe', () => {
    const keys = ['a', '"8e03978e-40d5-43e8-bc93-6894a57f9324"', '~'.repeat(255)];
    for (const key of keys) {
      const slot = idempotencySlot(key);
      expect(Number.isSafeInteger(slot)).toBe(true);
      expect(slot).toBeLessThan(0);
      expect(idempotencySlot(key)).toBe(slot);
    }
  });

  it('spreads keys apart', () => {
    const slots = new Set(Array.from({ length: 1000 }, (_, i) => idempotencySlot(`key-${i}`)));
    expect(slots.size).toBe(1000);
  });
});
