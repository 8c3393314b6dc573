// The process role: environment, command line, and refusal of an unknown one.
import { describe, expect, it } from 'vitest';
import { loadConfig, roleOf } from './config.js';

describe('ROLE', () => {
  it('is all by default, from ROLE, or from --role (which wins)', () => {
    expect(loadConfig({}).role).toBe('all');
    expect(roleOf({ ROLE: 'api' })).toBe('api');
    expect(roleOf({ ROLE: 'api' }, ['--role', 'worker'])).toBe('worker');
    expect(roleOf({}, ['--role=api'])).toBe('api');
  });

  it('refuses an unknown role instead of starting something unexpected', () => {
    expect(() => roleOf({ ROLE: 'both' })).toThrow(/ROLE must be one of all, api, worker/);
    expect(() => roleOf({}, ['--role', 'jobs'])).toThrow(/"jobs"/);
  });
});
