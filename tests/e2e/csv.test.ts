/**
 * The area page's two CSV downloads in Chromium, on the real data: one for
 * Dutch Excel (semicolon, decimal comma, byte-order mark) and the standard one
 * (comma, decimal point); each link downloads what its label says, with the
 * figures the page shows. Without a choice Dutch readers get the Excel form and
 * English readers the standard one, with English units.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, hasBrowser, launch, openPage, a11yViolations } from './browser';

const OVERVECHT = '/gebied/utrecht-overvecht?ind=obesitas_pct,inkomen_per_inwoner_keur';

/** Click a download link and read the file Chromium saved. */
async function download(page: Page, selector: string): Promise<{ name: string; text: string }> {
	const [file] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
	return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
}

/** The obesity cells of the page's table: series|period → the text shown ("17,9%"). */
async function shownObesity(page: Page): Promise<Map<string, string>> {
	const cells = page.locator('#ind-obesitas_pct table.data td[data-series]');
	const out = new Map<string, string>();
	for (let i = 0; i < (await cells.count()); i++) {
		const v = await cells.nth(i).locator('.v').allTextContents();
		if (v.length) out.set(`${await cells.nth(i).getAttribute('data-series')}|${await cells.nth(i).getAttribute('data-period')}`, v[0].trim());
	}
	return out;
}

/** The obesity values of a CSV: series|period → value cell. */
function csvObesity(text: string, delimiter: string): Map<string, string> {
	const out = new Map<string, string>();
	for (const line of text.split('\r\n')) {
		const f = line.split(delimiter);
		if (f[4] === 'obesitas_pct' && f[8] !== '') out.set(`${f[2]}|${f[7]}`, f[8]);
	}
	return out;
}

describe.runIf(hasBrowser)('CSV for Dutch Excel and in the standard form', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launch();
	});
	afterAll(() => browser?.close());

	it('offers both forms on the Dutch area page, each labelled, each downloading what it says with the figures shown', async () => {
		const { page, errors } = await openPage(browser, OVERVECHT);
		await expect(page.locator('a[data-csv="excel"]').innerText()).resolves.toContain('puntkomma, decimale komma');
		await expect(page.locator('a[data-csv="standaard"]').innerText()).resolves.toContain('komma, decimale punt');
		const shown = await shownObesity(page);
		expect(shown.size).toBeGreaterThanOrEqual(9);

		const excel = await download(page, 'a[data-csv="excel"]');
		expect(excel.name).toMatch(/^wijkaanpak-utrecht-overvecht-\d{4}-\d\d-\d\d-excel\.csv$/);
		expect(excel.text.startsWith('\uFEFFgebied_code;gebied;reeks;')).toBe(true);
		const inExcel = csvObesity(excel.text, ';');
		expect([...inExcel.keys()].sort()).toEqual([...shown.keys()].sort());
		// "17,9%" on the page is 17,9 in the Excel file and 17.9 in the standard one.
		for (const [key, text] of shown) expect(inExcel.get(key), key).toBe(text.replace(/[^\d,−-]/g, '').replace('−', '-'));
		// The income column is in whole euros, without thousands separators.
		expect(excel.text).toMatch(/;inkomen_per_inwoner_keur;[^;]*;euro;\d{4};\d{5};/);

		const standard = await download(page, 'a[data-csv="standaard"]');
		expect(standard.name).toMatch(/^wijkaanpak-utrecht-overvecht-\d{4}-\d\d-\d\d\.csv$/);
		expect(standard.text.startsWith('\uFEFFgebied_code,gebied,reeks,')).toBe(true);
		const inStandard = csvObesity(standard.text, ',');
		expect([...inStandard.keys()].sort()).toEqual([...shown.keys()].sort());
		for (const [key, v] of inExcel) expect(inStandard.get(key), key).toBe(v.replace(',', '.'));

		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
	});

	it('gives Dutch readers the Excel form by default and English readers the standard form with English units', async () => {
		const nl = await openPage(browser, OVERVECHT);
		const nlDefault = await (await nl.page.request.get(`${baseUrl}/gebied/utrecht-overvecht/csv?ind=obesitas_pct`)).text();
		expect(nlDefault.split('\r\n')[0]).toContain('gebied_code;gebied;');
		expect(nlDefault).toMatch(/;obesitas_pct;[^;]*;% van volwassenen 18\+;2020;\d+,\d;/);

		const en = await openPage(browser, `${OVERVECHT}&lang=en`);
		await expect(en.page.locator('a[data-csv="excel"]').innerText()).resolves.toContain('Dutch Excel');
		await expect(en.page.locator('a[data-csv="standaard"]').innerText()).resolves.toContain('standard');
		const enDefault = await (await en.page.request.get(`${baseUrl}/gebied/utrecht-overvecht/csv?ind=obesitas_pct`)).text();
		expect(enDefault.split('\r\n')[0]).toContain('area_code,area,');
		expect(enDefault).toMatch(/,obesitas_pct,[^,]*,% of adults 18\+,2020,\d+\.\d,/);
		expect(enDefault).not.toContain('van volwassenen');
		expect(await a11yViolations(en.page)).toEqual([]);
		expect(nl.errors).toEqual([]);
		expect(en.errors).toEqual([]);
	});
});
