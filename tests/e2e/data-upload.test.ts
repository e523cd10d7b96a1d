/**
 * Loading data on /beheer/data, in Chromium against the built app with the
 * real data. An administrator (made in the global set-up) creates a monitor of
 * Utrecht (GM0344). The monitor uploads CBS's own Kerncijfers wijken en buurten
 * 2023 file of Utrecht (read from the data directory, never copied into the
 * project), sees the preview, saves it, and finds its housing stock figure
 * (a column the data package lacks) on Overvecht's page; rolling the batch back
 * removes it again. A table with a bad line is refused with its report, and
 * nothing is stored. The expected figure is read from CBS's csv by the test.
 *
 * Signs in from 127.0.0.5, a loopback address of its own (see accounts.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../../scripts/app-server';
import { browserAs, createUser, firstSignIn, send, type Jar } from './accounts';
import { a11yViolations, baseUrl, hasBrowser, launch, openPage } from './browser';

const FROM = '127.0.0.5';
const admin = inject('dataAdmin');
const RAW = path.resolve(projectRoot, process.env.GEODATA_RAW_DIR ?? '../shared/geodata/raw', 'cbs-kwb-utrecht-2023-2024');
const XLSX = path.join(RAW, 'CBS-Utrecht-kwb-2023.xlsx');
const CSV = path.join(RAW, 'kwb-2023-utrecht.csv');

/** Overvecht's housing stock (a_woning) in CBS's csv, read here, not by the code under test. */
function overvechtHousingStock(): number {
	const [head, ...lines] = readFileSync(CSV, 'utf8').split(/\r?\n/);
	const cols = head.split(',');
	const line = lines.find((l) => l.startsWith('WK034403,'))!;
	// The fields before a_woning hold no quoted commas on the wijk's line.
	return Number(line.split(',')[cols.indexOf('a_woning')]);
}

describe.runIf(hasBrowser && admin && existsSync(XLSX))('loading data in the browser', () => {
	let browser: Browser;
	let monitor: Jar;

	beforeAll(async () => {
		browser = await launch();
		const adminJar = await firstSignIn(admin!.email, admin!.password, FROM);
		const otp = await createUser(adminJar, 'monitor-utrecht-data@example.org', 'monitor', { gemeenteCode: 'GM0344' });
		monitor = await firstSignIn('monitor-utrecht-data@example.org', otp, FROM);
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('uploads the Utrecht KWB 2023 file, previews, saves, shows it on Overvecht, and rolls it back', async () => {
		const expected = overvechtHousingStock();
		const shown = expected.toLocaleString('nl-NL');
		const before = await openPage(browser, '/gebied/utrecht-overvecht?thema=wonen');
		await expect(before.page.locator('[data-indicator="woningvoorraad"]').count()).resolves.toBe(0);
		await before.page.close();

		const { context, page, errors } = await browserAs(browser, monitor, { width: 390, height: 844 });
		await page.goto(baseUrl + '/', { waitUntil: 'networkidle' });
		await page.getByRole('link', { name: 'Gegevens laden' }).click();
		await page.waitForURL('**/beheer/data');
		await expect(page.getByText('U kunt cijfers laden voor gebieden in: Utrecht.').count()).resolves.toBe(1);
		// At 390 px the page does not scroll sideways (a long option of a select once widened it).
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		expect(await a11yViolations(page)).toEqual([]);

		await page.getByLabel('Bestand', { exact: true }).setInputFiles(XLSX);
		await page.getByLabel('Soort bestand').selectOption('kwb');
		await page.getByLabel('Jaar', { exact: true }).fill('2023');
		await page.getByRole('button', { name: 'Controleren', exact: true }).click();
		await page.waitForURL('**/beheer/data?upload=*');
		const preview = page.locator('[data-preview]');
		await expect(preview.textContent()).resolves.toContain('Nieuwe indicatoren: woningvoorraad, ao_personen.');
		// The figures the package already has from this very file are unchanged; the two new columns are new.
		await expect(preview.locator('[data-change="sociale_huur_pct"] td').nth(2).textContent()).resolves.toBe('0');
		await expect(preview.locator('[data-change="woningvoorraad"] td').nth(1).textContent()).resolves.toBe('122');
		expect(await a11yViolations(page)).toEqual([]);
		await page.getByRole('button', { name: 'Opslaan' }).click();
		await page.waitForURL('**/beheer/data?batch=*');
		const batch = Number(new URL(page.url()).searchParams.get('batch'));
		await expect(
			page
				.getByRole('status')
				.filter({ hasText: `Opgeslagen als batch ${batch}` })
				.count()
		).resolves.toBe(1);

		const area = await openPage(browser, '/gebied/utrecht-overvecht?thema=wonen');
		const row = area.page.locator('[data-indicator="woningvoorraad"]').first();
		await expect(row.textContent()).resolves.toContain(shown);
		await area.page.close();

		// Roll back, after the confirmation.
		await page.goto(`${baseUrl}/beheer/data`, { waitUntil: 'networkidle' });
		await page.getByRole('link', { name: `Batch ${batch} terugdraaien` }).click();
		await page.getByRole('button', { name: 'Ja, terugdraaien' }).click();
		await page.waitForURL('**/beheer/data?teruggedraaid=*');
		await expect(page.locator(`[data-batch="${batch}"]`).getAttribute('data-status')).resolves.toBe('teruggedraaid');
		const after = await openPage(browser, '/gebied/utrecht-overvecht?thema=wonen');
		await expect(after.page.locator('[data-indicator="woningvoorraad"]').count()).resolves.toBe(0);
		await after.page.close();
		expect(errors).toEqual([]);
		await context.close();
	});

	it('refuses a table with a bad line, shows the report with line and column, and stores nothing', async () => {
		const history = await send(monitor, '/beheer/data');
		const batchesBefore = history.body.match(/data-batch="/g)?.length ?? 0;
		const { context, page } = await browserAs(browser, monitor);
		await page.goto(`${baseUrl}/beheer/data`, { waitUntil: 'networkidle' });
		await page.getByLabel('Bestand', { exact: true }).setInputFiles({
			name: 'cijfers-overvecht.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from('area_code,period,indicator,value\nWK034403,2023,inwoners,34910\nWK034403,2023,sociale_huur_pct,zestig\n')
		});
		await page.getByLabel('Bron van de cijfers').fill('Browsertest (geen echte bron)');
		await page.getByRole('button', { name: 'Controleren', exact: true }).click();
		const report = page.locator('[data-upload-problems]');
		await report.waitFor();
		await expect(report.textContent()).resolves.toContain('1 probleem gevonden in cijfers-overvecht.csv; er is niets opgeslagen');
		await expect(report.locator('tbody tr td').nth(0).textContent()).resolves.toBe('regel 3');
		await expect(report.locator('tbody tr td').nth(1).textContent()).resolves.toBe('value');
		await expect.poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-upload-problems'))).toBe(true);
		const download = await report.getByRole('link', { name: 'Controlerapport downloaden (CSV)' }).getAttribute('href');
		const csv = await send(monitor, download!);
		expect(csv.status).toBe(200);
		expect(csv.body).toContain('cijfers-overvecht.csv,3,,value,');
		expect(await a11yViolations(page)).toEqual([]);

		// Fetching from CBS without a connection: one sentence, nothing stored.
		await page.getByLabel('KWB-jaar').selectOption('2023');
		await page.getByRole('button', { name: 'Ophalen en controleren' }).click();
		await page.waitForLoadState('networkidle');
		await expect(page.locator('[data-fetch-problem]').textContent()).resolves.toContain('Geen verbinding met 127.0.0.1');
		await context.close();
		const again = await send(monitor, '/beheer/data');
		expect(again.body.match(/data-batch="/g)?.length ?? 0).toBe(batchesBefore);
	});

	it("marks Amsterdam's boundary change of 2023 (Weesp joined in 2022) on its page, its charts and its CSV", async () => {
		const { page, errors } = await openPage(browser, '/gebied/GM0363?thema=bevolking', { width: 390, height: 844 });
		const note = page.locator('[data-boundary-change="2023"]');
		await expect(note.textContent()).resolves.toContain('Grens gewijzigd in 2023');
		// The inhabitants chart spans 2012–2024: the dotted line stands before 2023.
		await expect(page.locator('[data-indicator="inwoners"] [data-boundary-break="2023"]').count()).resolves.toBe(1);
		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
		await page.close();
		const csv = await send(monitor, '/gebied/GM0363/csv?ind=inwoners');
		const lines = csv.body.replace(/^\uFEFF/, '').split(/\r?\n/);
		expect(lines[0].split(/[;,]/).at(-1)).toBe('grens');
		// The area's own rows carry it (those of the references do not).
		expect(lines.filter((l) => l.endsWith('grens gewijzigd in 2023')).length).toBeGreaterThanOrEqual(7);
	});
});
