import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './env';

describe('AUTH_SECRET and ORIGIN', () => {
	it('refuses to start in production without AUTH_SECRET, with a message that says what to do', () => {
		expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
		expect(() => loadConfig({ npm_lifecycle_event: 'start' })).toThrow(/AUTH_SECRET ontbreekt.*openssl rand -base64 32/);
	});

	it('refuses a short secret', () => {
		expect(() => loadConfig({ AUTH_SECRET: 'te-kort' })).toThrow(/minstens 32 tekens/);
	});

	it('takes a given secret, and makes one per process otherwise (outside production)', () => {
		const secret = 'x'.repeat(40);
		expect(loadConfig({ NODE_ENV: 'production', AUTH_SECRET: secret }).authSecret).toEqual({ value: secret, generated: false });
		const a = loadConfig({}).authSecret;
		const b = loadConfig({}).authSecret;
		expect(a.generated).toBe(true);
		expect(a.value).toHaveLength(44);
		expect(a.value).not.toBe(b.value);
	});

	it('reads ORIGIN without a trailing slash and refuses one with a path', () => {
		expect(loadConfig({ ORIGIN: 'https://monitor.example.nl/' }).origin).toBe('https://monitor.example.nl');
		expect(loadConfig({}).origin).toBeNull();
		expect(() => loadConfig({ ORIGIN: 'https://monitor.example.nl/app' })).toThrow(/ORIGIN/);
	});
});
