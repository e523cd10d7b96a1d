/**
 * The negative-spiral layer of the map in real Chromium on the real data:
 * switched on in the controls, Utrecht's buurten that fell further behind the
 * city on at least three indicators are outlined on the map, listed with the
 * indicators that moved (each move checked against the map's own figures for
 * both years), and flagged in the table; fewer indicators flag more areas;
 * Back switches it off; the whole country checks the focus areas; English;
 * 390 px; no serious accessibility problem.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { a11yViolations, baseUrl, hasBrowser, launch, openPage } from './browser';

const UTRECHT = '/kaart?gemeente=GM0344&indicator=obesitas_pct&periode=2020';

interface Spiral {
	areas: { id: string; name: string; moves: { indicator: string; since: number; period: number; before: number; gap: number }[] }[];
	places: Record<string, { municipality: string; focus: boolean }>;
	n: number;
	checked: number;
}

async function spiralOf(query: string): Promise<Spiral> {
	const res = await fetch(`${baseUrl}/api/spiraal?${query}`);
	expect(res.status).toBe(200);
	return (await res.json()) as Spiral;
}

/** The map's own figure of an area minus that of its gemeente, for one indicator and year (/api/waarden). */
async function gapOnMap(code: string, gemeente: string, indicator: string, period: number): Promise<number | null> {
	const res = await fetch(`${baseUrl}/api/waarden?indicator=${indicator}&niveau=buurt&gemeente=${gemeente}&periode=${period}`);
	const v = (await res.json()) as { period: number; values: Record<string, number>; references: Record<string, { value: number; period: number }> };
	if (v.period !== period || v.values[code] == null || v.references[gemeente]?.period !== period) return null;
	return v.values[code] - v.references[gemeente].value;
}

const listed = (page: Page) => page.locator('section.spiral').getAttribute('data-spiral');

describe.runIf(hasBrowser)('negative spiral on the map, in Chromium on the real data', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launch();
	});
	afterAll(() => browser?.close());

	it('outlines, lists and flags Utrecht’s buurten in a spiral; each move is the map’s own gap in both years; Back turns it off', async () => {
		const expected = await spiralOf('gemeente=GM0344&niveau=buurt&spiraal=3');
		expect(expected.areas.length).toBeGreaterThan(0);
		for (const a of expected.areas) {
			expect(a.moves.length).toBeGreaterThanOrEqual(3);
			expect(a.id).toMatch(/^BU0344/);
		}
		// Every move of the first area: the gap to Utrecht in the map's figures, then and now, and wider now.
		const first = expected.areas[0];
		for (const m of first.moves) {
			const before = await gapOnMap(first.id, 'GM0344', m.indicator, m.since);
			const now = await gapOnMap(first.id, 'GM0344', m.indicator, m.period);
			expect(before).not.toBeNull();
			expect(now).not.toBeNull();
			// The map gives figures to their shown decimal (a rate per 1 000 computed from counts: 0.1), both sides.
			expect(Math.abs(before! - m.before)).toBeLessThanOrEqual(0.1 + 1e-9);
			expect(Math.abs(now! - m.gap)).toBeLessThanOrEqual(0.1 + 1e-9);
			expect(Math.abs(now!)).toBeGreaterThan(Math.abs(before!));
		}

		const { page, errors } = await openPage(browser, UTRECHT);
		await page.waitForSelector('.map[data-status="idle"]', { timeout: 60_000 });
		await expect(page.locator('section.spiral').count()).resolves.toBe(0);
		await page.selectOption('select[name=spiraal]', '3');
		await expect.poll(() => listed(page), { timeout: 30_000 }).toBe(expected.areas.map((a) => a.id).join(','));
		expect(new URL(page.url()).searchParams.get('spiraal')).toBe('3');
		await expect(page.locator('section.spiral').textContent()).resolves.toContain(first.name);
		await expect(page.locator('.legend').textContent()).resolves.toContain('Rode dubbele rand');
		// On the map: the outlined buurten are the listed ones (those on screen).
		await expect.poll(async () => (await page.locator('.map').getAttribute('data-spiral-outlined')) ?? '', { timeout: 30_000 }).not.toBe('');
		const outlined = (await page.locator('.map').getAttribute('data-spiral-outlined'))!.split(',');
		for (const c of outlined) expect(expected.areas.map((a) => a.id)).toContain(c);
		// In the table: a column with the count for exactly these buurten.
		await page
			.locator('.table button', { hasText: /Toon alle/ })
			.click({ timeout: 2000 })
			.catch(() => {});
		const flagged = await page
			.locator('td.spiral:not([data-spiral="0"])')
			.evaluateAll((tds) => tds.map((td) => td.closest('tr')!.querySelector('a')!.getAttribute('href')));
		expect(flagged.map((h) => h!.replace('/gebied/', '')).sort()).toEqual(expected.areas.map((a) => a.id).sort());
		await expect(
			page
				.locator('tr', { has: page.getByRole('link', { name: first.name, exact: true }) })
				.locator('td.spiral')
				.textContent()
		).resolves.toBe(`${first.moves.length} indicatoren`);

		// Fewer indicators: at least as many areas.
		await page.selectOption('select[name=spiraal]', '2');
		const two = await spiralOf('gemeente=GM0344&niveau=buurt&spiraal=2');
		expect(two.areas.length).toBeGreaterThanOrEqual(expected.areas.length);
		await expect.poll(() => listed(page), { timeout: 30_000 }).toBe(two.areas.map((a) => a.id).join(','));

		// Back: three again; Back once more: off, nothing outlined or listed.
		await page.goBack();
		await expect.poll(() => listed(page), { timeout: 30_000 }).toBe(expected.areas.map((a) => a.id).join(','));
		await page.goBack();
		await expect.poll(() => page.locator('section.spiral').count()).toBe(0);
		await expect.poll(async () => page.locator('.map').getAttribute('data-spiral-outlined'), { timeout: 30_000 }).toBe('');
		await expect(page.locator('select[name=spiraal]').inputValue()).resolves.toBe('');
		await expect(page.locator('td.spiral').count()).resolves.toBe(0);

		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
	});

	it('checks the focus areas for the whole country, marks them as such, and says so in English at 390 px', async () => {
		const expected = await spiralOf('niveau=gemeente&spiraal=3');
		for (const a of expected.areas) expect(expected.places[a.id].focus).toBe(true);

		const { page, errors } = await openPage(browser, '/kaart?spiraal=3&lang=en', { width: 390, height: 844 });
		await page.waitForSelector('section.spiral');
		await expect(page.locator('section.spiral h2').textContent()).resolves.toBe('Negative spiral');
		await expect(page.locator('section.spiral').textContent()).resolves.toContain('Checked: every focus area');
		await expect(listed(page)).resolves.toBe(expected.areas.map((a) => a.id).join(','));
		if (expected.areas.length) await expect(page.locator('section.spiral').textContent()).resolves.toContain('(focus area)');
		else await expect(page.locator('section.spiral [role=status]').textContent()).resolves.toContain('No area in this choice');
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
	});

	it('refuses a bad spiral query over HTTP with a reason', async () => {
		for (const [q, field] of [
			['niveau=provincie', 'niveau'],
			['gemeente=Utrecht', 'gemeente'],
			['spiraal=0', 'spiraal']
		]) {
			const res = await fetch(`${baseUrl}/api/spiraal?${q}`);
			expect(res.status).toBe(400);
			expect(((await res.json()) as { message: string }).message).toContain(field);
		}
	});
});
