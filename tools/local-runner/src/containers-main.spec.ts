import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FORWARDED_BACKEND_VARIABLES, forwardedBackendEnv } from './containers-main';

describe('start:containers passes the backend its configuration', () => {
  it('forwards the backend variables set for the command, and nothing else', () => {
    const env = { RATE_LIMIT_PER_MINUTE: '0', SHUTDOWN_DRAIN_DELAY_MS: '3000', HOME: '/home/someone', AWS_PROFILE: 'prod' };
    expect(forwardedBackendEnv(env)).toEqual({ RATE_LIMIT_PER_MINUTE: '0', SHUTDOWN_DRAIN_DELAY_MS: '3000' });
  });

  it('forwards an empty value as set (the backend then uses its default)', () => {
    expect(forwardedBackendEnv({ LOG_LEVEL: '' })).toEqual({ LOG_LEVEL: '' });
  });

  it('names only variables the backend reads', () => {
    const config = readFileSync(resolve(__dirname, '../../../apps/backend/src/config.ts'), 'utf8');
    for (const name of FORWARDED_BACKEND_VARIABLES) expect({ name, read: config.includes(`'${name}'`) }).toEqual({ name, read: true });
  });
});
