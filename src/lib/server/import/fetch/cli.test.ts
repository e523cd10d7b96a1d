/**
 * `npm run data:fetch` as a user runs it: the script in a child process
 * (npx tsx), pointed at a local fixture server or at a closed port through
 * CBS_ODATA_URL and PDOK_WFS_URL.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { closedPort, fixtureServer, type FixtureServer } from '../../../../../tests/fixtures/fetch/server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');

/** Runs the script without blocking this process, which also serves the fixtures. */
function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn('npx', ['tsx', 'scripts/fetch.ts', ...args], { cwd: root, env: { ...process.env, ...env } });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

let server: FixtureServer | null = null;
afterEach(async () => {
	await server?.close();
	server = null;
});

const outDir = () => path.join(mkdtempSync(path.join(tmpdir(), 'data-fetch-')), 'uit');

describe('npm run data:fetch', { timeout: 60_000 }, () => {
	it('offline: exit code 1, one Dutch sentence on stderr, nothing written', async () => {
		const port = await closedPort();
		const uit = outDir();
		const kwb = await run(['kwb', '2023', '--gemeente', 'GM0344', '--uit', uit], { CBS_ODATA_URL: `http://127.0.0.1:${port}/odata` });
		expect(kwb).toEqual({ code: 1, stdout: '', stderr: `Geen verbinding met 127.0.0.1:${port}: deze machine kan CBS niet bereiken; er is niets gewijzigd.\n` });
		const grenzen = await run(['grenzen', '2024', 'buurt', '--gemeente', 'GM0344', '--uit', uit], { PDOK_WFS_URL: `http://127.0.0.1:${port}/wfs/{jaar}` });
		expect(grenzen).toEqual({
			code: 1,
			stdout: '',
			stderr: `Geen verbinding met 127.0.0.1:${port}: deze machine kan PDOK niet bereiken; er is niets gewijzigd.\n`
		});
		expect(existsSync(uit)).toBe(false);
	});

	it('writes a tidy CSV of the figures of one gemeente and prints its path', async () => {
		server = await fixtureServer((url) => {
			const skip = url.searchParams.get('$skip');
			if (url.pathname.endsWith('/$count')) return { body: '8', type: 'text/plain' };
			return { file: `odata-85618NED-page${Number(skip) / 3 + 1}.json` };
		});
		const uit = outDir();
		const result = await run(['kwb', '2023', '--gemeente', 'GM0344', '--uit', uit], { CBS_ODATA_URL: server.odata });
		expect(result.code).toBe(0);
		const file = path.join(uit, 'cbs-kwb-2023-GM0344.csv');
		expect(result.stdout).toBe(`${file}\n`);
		const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
		expect(lines[0]).toBe('area_code,period,indicator,value,source');
		expect(lines).toContain('GM0344,2023,inwoners,367984,cbs-kwb-2023');
		expect(lines).toContain('BU03440102,2023,woz_waarde_keur,512,cbs-kwb-2023');
		expect(lines.filter((l) => l.includes('sociale_huur_pct'))).toEqual([
			'GM0344,2023,sociale_huur_pct,31,cbs-kwb-2023',
			'WK034401,2023,sociale_huur_pct,35,cbs-kwb-2023'
		]);
		expect(lines).toHaveLength(20);
		// The paging state is gone once the file is written.
		expect(readdirSync(uit)).toEqual(['cbs-kwb-2023-GM0344.csv']);
	});

	it('writes boundaries as a GeoJSON FeatureCollection in the package format', async () => {
		server = await fixtureServer((url) => (url.searchParams.get('startIndex') === '0' ? { file: 'wfs-buurten-page1.json' } : null));
		const uit = outDir();
		const result = await run(['grenzen', '2024', 'buurt', '--gemeente', 'GM0344', '--uit', uit], { PDOK_WFS_URL: server.wfs });
		expect(result.code).toBe(0);
		const file = path.join(uit, 'grenzen-buurt-2024-GM0344-28992.geojson');
		expect(result.stdout).toBe(`${file}\n`);
		const fc = JSON.parse(readFileSync(file, 'utf8')) as { type: string; crs: unknown; features: { properties: unknown }[] };
		expect(fc.type).toBe('FeatureCollection');
		expect(fc.crs).toEqual({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } });
		expect(fc.features.map((f) => f.properties)).toEqual([
			{ code: 'BU03440101', name: 'Binnenstad', gemeentecode: 'GM0344', wijkcode: 'WK034401' },
			{ code: 'BU03440102', name: 'Lange Elisabethstraat', gemeentecode: 'GM0344', wijkcode: 'WK034401' }
		]);
	});

	it('refuses an answer with problems: each with its place and reason, exit code 1, no file', async () => {
		server = await fixtureServer(() => ({ file: 'wfs-gemeenten-feature.json' }));
		const uit = outDir();
		const result = await run(['grenzen', '2024', 'gemeente', '--uit', uit], { PDOK_WFS_URL: server.wfs });
		expect(result).toEqual({
			code: 1,
			stdout: '',
			stderr:
				'  - wijkenbuurten:gemeenten 2024: pagina 1: geen GeoJSON FeatureCollection (type Feature)\nGrenzen geweigerd: 1 probleem; er is niets geschreven.\n'
		});
		expect(existsSync(uit)).toBe(false);
	});

	it('after a dropped connection keeps the pages read, and the same command continues from there', async () => {
		let drop = true;
		server = await fixtureServer((url) => {
			const skip = url.searchParams.get('$skip');
			if (url.pathname.endsWith('/$count')) return { body: '8', type: 'text/plain' };
			if (skip === '6' && drop) return { drop: true };
			return { file: `odata-85618NED-page${Number(skip) / 3 + 1}.json` };
		});
		const uit = outDir();
		const args = ['kwb', '2023', '--gemeente', 'GM0344', '--uit', uit];
		const stateFile = path.join(uit, 'cbs-kwb-2023-GM0344.state.json');
		const first = await run(args, { CBS_ODATA_URL: server.odata });
		expect(first.code).toBe(1);
		expect(first.stderr.trimEnd().split('\n').at(-1)).toBe(
			`Geen verbinding meer met ${new URL(server.origin).host}: de 6 rijen die al binnen waren zijn bewaard in ${stateFile}, en dezelfde opdracht gaat daar later verder.`
		);
		expect(readdirSync(uit)).toEqual(['cbs-kwb-2023-GM0344.state.json']);
		drop = false;
		const before = server.requests.length;
		const second = await run(args, { CBS_ODATA_URL: server.odata });
		expect(second.code).toBe(0);
		expect(second.stderr).toContain('Hervat 85618NED: 6 rijen waren al opgehaald.');
		expect(server.requests.slice(before)).toEqual(['/odata/85618NED/TypedDataSet?$skip=6']);
		expect(readFileSync(path.join(uit, 'cbs-kwb-2023-GM0344.csv'), 'utf8').trimEnd().split('\n')).toHaveLength(20);
		expect(readdirSync(uit)).toEqual(['cbs-kwb-2023-GM0344.csv']);
	});
});
