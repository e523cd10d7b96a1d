/**
 * "Wat veranderde" on the area page, in Chromium on the real data. The expected
 * words are worked out from Bloemhof's own figures (its CSV,
 * /gebied/nprz-bloemhof/csv?formaat=standaard), latest against previous
 * period, ranked by the change relative to the previous value:
 *   improved: moeite met rondkomen 45,9 → 33,6% (12,3 / 45,9 = 0,27), angst of
 *   depressie 17,4 → 14,5% (0,17), rokers 34,5 → 29,3% (0,15); next, ervaren
 *   gezondheid 49,0 → 55,3% (0,13), is not listed;
 *   worsened: misdrijven per 1 000 inwoners 55,1 → 60,5 (2023 → 2024; 0,098),
 *   veiligheidsindex 92 → 86 (2024 → 2026; 0,065), obesitas 21,2 → 22,5%
 *   (0,061); next, eenzaamheid 60,4 → 63,8% (0,056), is not listed.
 * Counts (drugshandel 14 → 23 misdrijven) are never compared.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { a11yViolations, hasBrowser, launch, openPage } from './browser';

describe.runIf(hasBrowser)('what changed on the area page, on the real data', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launch();
	});
	afterAll(() => browser?.close());

	it('names Bloemhof’s largest improvements and deteriorations in Dutch, with the gap to Rotterdam, from every theme', async () => {
		// Every theme closed: the paragraph still speaks of all indicators.
		const { page, errors } = await openPage(browser, '/gebied/nprz-bloemhof?thema=geen');
		const section = page.locator('section[data-changes]');
		await expect(section.locator('h2').textContent()).resolves.toBe('Wat veranderde');
		const text = (await section.locator('p').textContent())!;
		expect(text).toMatch(/^Sinds de vorige meting verbeterde Bloemhof \(NPRZ focuswijk\) het meest op moeite met rondkomen /);
		expect(text).toContain('moeite met rondkomen (van 45,9% in 2016 naar 33,6% in 2020; het verschil met Rotterdam werd kleiner)');
		expect(text).toContain('hoog risico op angststoornis of depressie (van 17,4% in 2016 naar 14,5% in 2020');
		expect(text).toContain('roker (van 34,5% in 2016 naar 29,3% in 2020');
		expect(text).toContain(
			'het sterkst verslechterde Bloemhof (NPRZ focuswijk) op geregistreerde misdrijven per 1 000 inwoners (van 55,1 per 1.000 in 2023 naar 60,5 per 1.000 in 2024'
		);
		expect(text).toContain('ernstig overgewicht (obesitas) (van 21,2% in 2016 naar 22,5% in 2020; het verschil met Rotterdam werd groter)');
		expect(text).not.toContain('ervaren gezondheid');
		expect(text).not.toContain('drugshandel');
		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
		await page.close();
	});

	it('says the same in English', async () => {
		const { page, errors } = await openPage(browser, '/gebied/nprz-bloemhof?lang=en');
		const section = page.locator('section[data-changes]');
		await expect(section.locator('h2').textContent()).resolves.toBe('What changed');
		const text = (await section.locator('p').textContent())!;
		expect(text).toContain(
			'Since the previous measurement, Bloemhof (NPRZ focuswijk) improved most on difficulty making ends meet (from 45.9% in 2016 to 33.6% in 2020; the gap with Rotterdam narrowed)'
		);
		expect(text).toContain('it worsened most on police-recorded crimes per 1,000 inhabitants (from 55.1 per 1,000 in 2023 to 60.5 per 1,000 in 2024');
		expect(text).toContain('obesity (from 21.2% in 2016 to 22.5% in 2020; the gap with Rotterdam widened)');
		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
		await page.close();
	});
});
