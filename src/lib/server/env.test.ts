import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, sessionSecret } from './env';

describe('loadConfig', () => {
	const cwd = path.join(os.tmpdir(), 'wam-env-test-checkout');

	it('gives the defaults for an empty environment (blank values count as unset)', () => {
		const c = loadConfig({ PGLITE_DATA_DIR: '  ', AUTO_IMPORT: '' }, cwd);
		expect(c).toEqual({
			databaseUrl: null,
			dataDir: path.join(cwd, '.data/pglite'),
			geodataDir: null,
			geodataCandidates: [path.resolve(cwd, '../shared/geodata/nl-wijkaanpak')],
			focusAreasFile: path.join(cwd, 'geodata/focus-areas.json'),
			targetsFile: path.join(cwd, 'geodata/targets.csv'),
			autoImport: true,
			suppression: { minPopulation: 50, minCount: 10 },
			mapBasemapStyleUrl: null,
			origin: null,
			authSecret: null,
			production: false,
			chromiumPath: null
		});
	});

	it('reads and trims every setting', () => {
		const c = loadConfig(
			{
				DATABASE_URL: ' postgresql://u@h/db ',
				PGLITE_DATA_DIR: 'db',
				AUTO_IMPORT: 'FALSE',
				SUPPRESS_MIN_INHABITANTS: '100',
				SUPPRESS_MIN_CASES: '0',
				MAP_BASEMAP_STYLE_URL: 'https://example.org/style.json'
			},
			cwd
		);
		expect(c).toMatchObject({
			databaseUrl: 'postgresql://u@h/db',
			dataDir: path.join(cwd, 'db'),
			autoImport: false,
			suppression: { minPopulation: 100, minCount: 0 },
			mapBasemapStyleUrl: 'https://example.org/style.json'
		});
	});

	it('names every bad variable at once, and repeats only the scheme of a connection string', () => {
		let error: unknown;
		try {
			loadConfig(
				{ DATABASE_URL: 'mysql://user:geheimwachtwoord@host/db', AUTO_IMPORT: 'ja', SUPPRESS_MIN_CASES: '-1', MAP_BASEMAP_STYLE_URL: 'style.json' },
				cwd
			);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(ConfigError);
		expect((error as Error).message.split('\n')).toEqual([
			'DATABASE_URL moet beginnen met postgres:// of postgresql:// (gekregen: "mysql:…")',
			'AUTO_IMPORT moet true of false zijn (gekregen: "ja")',
			'SUPPRESS_MIN_CASES moet een geheel getal van 0 of meer zijn (gekregen: "-1")',
			'MAP_BASEMAP_STYLE_URL moet een http(s)-adres van een MapLibre-stijl zijn (gekregen: "style.json")'
		]);
	});

	it('accepts CHROMIUM_PATH only when it names an executable file', async () => {
		const dir = await mkdtemp(path.join(os.tmpdir(), 'wam-env-test-'));
		try {
			const file = path.join(dir, 'chromium');
			expect(() => loadConfig({ CHROMIUM_PATH: file }, cwd)).toThrow(/CHROMIUM_PATH wijst naar .*geen uitvoerbaar bestand/);
			await writeFile(file, '#!/bin/sh\n', { mode: 0o644 });
			expect(() => loadConfig({ CHROMIUM_PATH: file }, cwd)).toThrow(/geen uitvoerbaar bestand/);
			expect(() => loadConfig({ CHROMIUM_PATH: dir }, cwd)).toThrow(/geen uitvoerbaar bestand/);
			await chmod(file, 0o755);
			expect(loadConfig({ CHROMIUM_PATH: ` ${file} ` }, cwd).chromiumPath).toBe(file);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});

	it('uses GEODATA_DIR only when it holds a datapackage.json', async () => {
		const dir = await mkdtemp(path.join(os.tmpdir(), 'wam-env-test-'));
		try {
			expect(() => loadConfig({ GEODATA_DIR: dir }, cwd)).toThrow(/GEODATA_DIR wijst naar .*geen datapackage\.json/);
			await writeFile(path.join(dir, 'datapackage.json'), '{}');
			expect(loadConfig({ GEODATA_DIR: dir }, cwd).geodataDir).toBe(dir);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});
});

describe('AUTH_SECRET and ORIGIN', () => {
	it('refuses a short secret, naming the variable but not echoing it', () => {
		expect(() => loadConfig({ AUTH_SECRET: 'te-kort-geheim' })).toThrow(/AUTH_SECRET moet minstens 32 tekens.*gekregen: "14 tekens"/);
		expect(() => loadConfig({ AUTH_SECRET: 'te-kort-geheim' })).not.toThrow(/te-kort-geheim/);
	});

	it('takes a given secret as it is', () => {
		const secret = 'x'.repeat(40);
		expect(sessionSecret(loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://h/db', AUTH_SECRET: secret }))).toEqual({
			value: secret,
			source: 'env'
		});
	});

	it('makes one key on the first start, beside the embedded database, and keeps it', async () => {
		const dir = await mkdtemp(path.join(os.tmpdir(), 'wam-secret-'));
		try {
			const c = loadConfig({ PGLITE_DATA_DIR: path.join(dir, 'data', 'pglite') });
			const first = sessionSecret(c);
			expect(first.source).toBe('file');
			expect(first.value).toHaveLength(44);
			expect(sessionSecret(c)).toEqual(first);
			const { mode } = await stat(path.join(dir, 'data', 'auth-secret'));
			expect(mode & 0o777).toBe(0o600);
			// Another data directory: another key.
			expect(sessionSecret(loadConfig({ PGLITE_DATA_DIR: path.join(dir, 'other', 'pglite') })).value).not.toBe(first.value);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});

	it('refuses a production server on PostgreSQL without AUTH_SECRET, saying what to do', () => {
		expect(() => sessionSecret(loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://h/db' }))).toThrow(
			/AUTH_SECRET ontbreekt.*openssl rand -base64 32/
		);
	});

	it('reads ORIGIN without a trailing slash and refuses one with a path', () => {
		expect(loadConfig({ ORIGIN: 'https://monitor.example.nl/' }).origin).toBe('https://monitor.example.nl');
		expect(loadConfig({}).origin).toBeNull();
		expect(() => loadConfig({ ORIGIN: 'https://monitor.example.nl/app' })).toThrow(/ORIGIN moet een adres/);
	});
});
