/**
 * Programme targets on the area page, in Chromium against the built app. The
 * global set-up imported tests/fixtures/targets/e2e-test-target.csv with
 * `targets:import` (a TEST target: Bloemhof reaches the G4 on obesity by 2032
 * from 2012; not a published goal); the app shipped geodata/targets.csv itself.
 *
 * By hand, from the figures in tests/e2e/area.test.ts: the gap with the G4 is
 * 19,0 − 12,9 = 6,1 (2012), 21,2 − 13,8 = 7,4 (2016), 22,5 − 14,4 = 8,1 (2020).
 * The path plans 6,1 × (1 − 8/20) = 3,66 for 2020 → "niet op koers"; the gap
 * grows → "loopt uiteen".
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { a11yViolations, hasBrowser, launch, openPage } from './browser';

describe.runIf(hasBrowser)('programme targets on the area page', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launch();
	});
	afterAll(() => browser?.close());

	it('shows an imported target with its status and draws its glide path on the chart', async () => {
		const { page, errors } = await openPage(browser, '/gebied/nprz-bloemhof');
		const target = page.locator('[data-target="test-bloemhof-obesitas-g4"]');
		await expect(target.getAttribute('data-status')).resolves.toBe('niet_op_koers');
		const text = (await target.textContent())!.replace(/\s+/g, ' ');
		expect(text).toContain('het G4-gemiddelde bereiken in 2032');
		expect(text).toContain('niet op koers');
		expect(text).toContain('Verschil met de G4 in 2020: +8,1 procentpunt; volgens het doelpad +3,7 procentpunt.');
		expect(text).toContain('loopt uiteen');
		expect(text).toContain('TESTDOEL');

		// The path: the G4 plus the planned gap, 12,9 + 6,1 = 19,0 (2012) … 14,4 + 3,66 = 18,06 (2020).
		const path = page.locator('#ind-obesitas_pct path.glide[data-path="test-bloemhof-obesitas-g4"]');
		await expect(path.count()).resolves.toBe(1);
		const d = (await path.getAttribute('d'))!;
		expect(d.match(/[ML]/g)).toHaveLength(3);
		await expect(page.locator('#ind-obesitas_pct .legend').textContent()).resolves.toContain('Doelpad (2032)');

		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
		await page.close();
	});

	it('says why the shipped NPRZ target has status unknown on Rotterdam-Zuid', async () => {
		const { page, errors } = await openPage(browser, '/gebied/rotterdam-zuid');
		const target = page.locator('[data-target="nprz-bijstand-g4"]');
		await expect(target.getAttribute('data-status')).resolves.toBe('onbekend');
		const text = (await target.textContent())!.replace(/\s+/g, ' ');
		expect(text).toContain('het G4-gemiddelde bereiken in 2031');
		expect(text).toContain('er zijn geen cijfers van deze indicator voor dit gebied');
		expect(text).toContain('Nationaal Programma Rotterdam Zuid');
		expect(text).toContain('Naar een inclusieve samenleving');
		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
		await page.close();
	});

	it('speaks English too', async () => {
		const { page, errors } = await openPage(browser, '/gebied/nprz-bloemhof?lang=en');
		const text = (await page.locator('[data-target="test-bloemhof-obesitas-g4"]').textContent())!.replace(/\s+/g, ' ');
		expect(text).toContain('reach the G4 average by 2032');
		expect(text).toContain('off track');
		expect(errors).toEqual([]);
		await page.close();
	});
});
