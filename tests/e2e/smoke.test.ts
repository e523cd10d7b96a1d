import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { a11yViolations, hasBrowser, launch, openPage } from './browser';

describe.runIf(hasBrowser)('overview and about pages in Chromium, on the real data', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launch();
	});
	afterAll(() => browser?.close());

	it('lists all 20 NPLV areas and the 7 NPRZ focuswijken with headline figures, in Dutch', async () => {
		const { page, errors, foreignRequests } = await openPage(browser, '/');
		expect(await page.locator('html').getAttribute('lang')).toBe('nl');
		await expect(page.locator('h1').textContent()).resolves.toBe('Focusgebieden');
		const nplvRows = page.locator('section').nth(0).locator('tbody th[scope=row]');
		expect(await nplvRows.count()).toBe(20);
		const nprzRows = page.locator('section').nth(1).locator('tbody th[scope=row]');
		expect(await nprzRows.count()).toBe(7);
		// Bloemhof's latest obesity (RIVM 50090NED, 2020) next to Rotterdam's.
		const bloemhof = page.locator('tr', { has: page.locator('a', { hasText: 'Bloemhof' }) });
		const obesity = bloemhof.locator('td').nth(1);
		await expect(obesity.textContent()).resolves.toContain('22,5%');
		await expect(obesity.textContent()).resolves.toContain('Rotterdam: 17,5%');
		await expect(obesity.textContent()).resolves.toContain('RIVM 50090NED');
		await expect(obesity.textContent()).resolves.toContain('modelschatting');
		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
		expect(foreignRequests).toEqual([]);
	});

	it('shows a focus area’s inhabitants as its own page does, and one indicator per headline column', async () => {
		const { page, errors } = await openPage(browser, '/');
		const row = page.locator('tr', { has: page.locator('a', { hasText: 'Afrikaanderwijk' }) });
		const [count, period] = (await row.locator('td[data-population]').innerText()).match(/([\d.]+)\s*\((\d{4})\)/)!.slice(1);
		// The work column holds net labour participation only; another indicator, where shown, says it is one.
		const header = page.locator('section').first().locator('thead th').nth(3);
		await expect(header.textContent()).resolves.toBe('Arbeidsparticipatie');
		const labels = await page.locator('tbody tr:not(.municipality) td:nth-of-type(3) .label').allTextContents();
		expect(new Set(labels)).toEqual(new Set(['Netto arbeidsparticipatie']));
		const others = await page.locator('tbody td:nth-of-type(3) .fallback').allTextContents();
		for (const o of others) expect(o).toMatch(/^Ander cijfer: /);
		await row.getByRole('link', { name: 'Afrikaanderwijk' }).click();
		await page.waitForURL('**/gebied/nprz-afrikaanderwijk');
		await expect(page.locator('dd', { hasText: '1 januari' }).first().innerText()).resolves.toContain(`${count} (1 januari ${period})`);
		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
	});

	it('switches to English and keeps it', async () => {
		const { page, errors } = await openPage(browser, '/?lang=en');
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		await expect(page.locator('h1').textContent()).resolves.toBe('Focus areas');
		await page.getByRole('link', { name: 'About the data' }).click();
		await page.waitForURL('**/over');
		await expect(page.locator('h1').textContent()).resolves.toBe('About the data');
		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
	});

	it('shows every source with its attribution on the about page', async () => {
		const { page, errors } = await openPage(browser, '/over');
		const text = (await page.locator('#bronnen').textContent()) ?? '';
		expect(text).toContain("Bron: RIVM, GGD'en en CBS, Gezondheidsmonitor Volwassenen en Ouderen (StatLine 50090NED), CC BY 4.0");
		expect(text).toContain('Bron: Politie, geregistreerde misdrijven per wijk en buurt (CBS StatLine 47022NED), CC BY 4.0');
		expect(await page.locator('#bronnen > ul > li').count()).toBeGreaterThanOrEqual(17);
		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
	});

	it('finds an accessibility violation when there is one (the check itself works)', async () => {
		const { page } = await openPage(browser, '/over');
		expect(await a11yViolations(page)).toEqual([]);
		await page.evaluate(() => document.querySelector('main')!.append(Object.assign(document.createElement('img'), { src: '/favicon.svg' })));
		expect((await a11yViolations(page)).map((v) => v.id)).toContain('image-alt');
	});

	it('answers an unknown page with a Dutch 404', async () => {
		const { page } = await openPage(browser, '/bestaat-niet');
		await expect(page.locator('main').textContent()).resolves.toContain('Deze pagina bestaat niet.');
	});
});
