/**
 * The compare page (/vergelijk) in Chromium on the real data. Expected figures
 * from the data package as on the area page (tests/e2e/area.test.ts): obesity
 * 2020 of the NPRZ focuswijken, RIVM model estimates, lower is better:
 * Carnisse 18,7, Oud-Charlois 18,9, Tarwewijk 19,8, Hillesluis 21,7,
 * Bloemhof 22,5, Afrikaanderwijk 23,3, Feijenoord 23,9 %; Rotterdam 17,5, NL 15,6.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { a11yViolations, baseUrl, hasBrowser, launch, openPage } from './browser';

const G4_AREAS = ['amsterdam-nieuw-west', 'rotterdam-zuid', 'den-haag-zuidwest', 'utrecht-overvecht'];

/** The obesity table's rows as shown: [rank, area, latest figure]. */
async function obesityRows(page: Page) {
	const rows = page.locator('article[data-indicator="obesitas_pct"] tbody tr');
	return rows.evaluateAll((trs) =>
		trs.map((tr) => [
			tr.querySelector('td.rank')?.textContent?.replace('≈', '').trim() ?? '',
			tr.querySelector('th a')?.textContent?.trim() ?? '',
			tr.querySelectorAll('td.num')[1]?.textContent?.trim() ?? ''
		])
	);
}

describe.runIf(hasBrowser)('compare page in Chromium, on the real data', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launch();
	});
	afterAll(() => browser?.close());

	it('ranks the NPRZ focuswijken on obesity, best first, marks the indistinguishable ones, and draws a line per area', async () => {
		const { page, errors } = await openPage(browser, '/vergelijk?set=nprz');
		await expect(page.locator('h1').textContent()).resolves.toBe('Focusgebieden vergelijken');
		expect(await obesityRows(page)).toEqual([
			['1', 'Carnisse (NPRZ focuswijk)', '18,7% (2020)'],
			['2', 'Oud-Charlois (NPRZ focuswijk)', '18,9% (2020)'],
			['3', 'Tarwewijk (NPRZ focuswijk)', '19,8% (2020)'],
			['4', 'Hillesluis (NPRZ focuswijk)', '21,7% (2020)'],
			['5', 'Bloemhof (NPRZ focuswijk)', '22,5% (2020)'],
			['6', 'Afrikaanderwijk (NPRZ focuswijk)', '23,3% (2020)'],
			['7', 'Feijenoord (NPRZ focuswijk)', '23,9% (2020)']
		]);
		const obesity = page.locator('article[data-indicator="obesitas_pct"]');
		await expect(obesity.locator('.rule').textContent()).resolves.toContain('Rangorde in 2020, beste eerst (lager is beter)');
		// Carnisse and Oud-Charlois are 0,2 apart, model estimates: not distinguishable; Bloemhof's gap to Rotterdam 5,0 and NL 6,9.
		const bloemhof = obesity.locator('tr[data-area="nprz-bloemhof"]');
		await expect(obesity.locator('tr[data-area="nprz-carnisse"] th').textContent()).resolves.toContain('niet te onderscheiden van Oud-Charlois');
		await expect(bloemhof.locator('td.num').allTextContents()).resolves.toEqual([
			'5≈',
			'22,5% (2020)',
			'+5,0 procentpunt',
			'+6,9 procentpunt',
			'+8,1 procentpunt'
		]);
		// Seven areas, NL, the G4 and the glide path of Bloemhof's (test) target in the legend; lines drawn.
		await expect(obesity.locator('.legend li:not(.note)').count()).resolves.toBe(10);
		await expect(obesity.locator('svg.plot path.glide[data-path="test-bloemhof-obesitas-g4"]').count()).resolves.toBe(1);
		await expect(obesity.locator('.legend').textContent()).resolves.toContain('Bloemhof (NPRZ focuswijk): Doelpad (2032)');
		expect(await obesity.locator('svg.plot path.line').count()).toBeGreaterThanOrEqual(9);
		// An indicator without figures for these wijken lists every area with the reason, none dropped.
		const work = page.locator('article[data-indicator="netto_arbeidsparticipatie_pct"]');
		await expect(work.locator('tbody tr').count()).resolves.toBe(7);
		await expect(work.locator('tbody tr').first().textContent()).resolves.toContain('geen cijfers');
		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
	});

	it('compares the four G4 focus areas by their own choice, changes set and indicators with the form, goes Back, and speaks English', async () => {
		const { page, errors } = await openPage(browser, `/vergelijk?set=eigen&gebieden=${G4_AREAS.join(',')}`);
		const names = () => page.locator('article[data-indicator="obesitas_pct"] tbody th a').allTextContents();
		await expect(names()).resolves.toHaveLength(4);
		expect((await names()).sort()).toEqual(['Amsterdam Nieuw-West', 'Den Haag Zuidwest', 'Rotterdam-Zuid', 'Utrecht Overvecht']);
		// Small multiples: one per headline indicator with a chart.
		await expect(page.locator('article.indicator').count()).resolves.toBe(4);

		// Choose the NPRZ set and two indicators in the form.
		await page.locator('select[name=set]').selectOption('nprz');
		await page.locator('details', { hasText: 'Indicatoren' }).locator('summary').click();
		await page.locator('input[name=indicator][value=obesitas_pct]').check();
		await page.locator('input[name=indicator][value=misdrijven_per_1000]').check();
		await page.getByRole('button', { name: 'Vergelijk' }).click();
		await page.waitForURL(/set=nprz/);
		await expect.poll(() => page.locator('article.indicator').count()).toBe(2);
		await expect.poll(async () => (await names()).length).toBe(7);

		// Back: the G4 choice again.
		await page.goBack();
		await page.waitForURL(/set=eigen/);
		await expect.poll(async () => (await names()).length).toBe(4);
		await expect.poll(() => page.locator('article.indicator').count()).toBe(4);

		// English, same view.
		await page.locator('header a.lang').click();
		await page.waitForURL(/lang=en/);
		await expect(page.locator('h1').textContent()).resolves.toBe('Compare focus areas');
		expect(new URL(page.url()).searchParams.get('gebieden')).toBe(G4_AREAS.join(','));
		await expect(page.locator('article[data-indicator="obesitas_pct"] .rule').textContent()).resolves.toContain('best first (lower is better)');
		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
	});

	it('shows the progress matrix: target statuses where set, elsewhere the movement against the city, filtered by programme and city', async () => {
		const { page, errors } = await openPage(browser, '/voortgang?programma=NPRZ');
		await expect(page.locator('h1').textContent()).resolves.toBe('Voortgang per focusgebied');
		await expect(page.locator('table.matrix tbody tr').count()).resolves.toBe(7);
		// Carnisse's obesity: 0,4 points above Rotterdam in 2016, 1,2 in 2020 (lower is better): worse, in icon, colour and words.
		const carnisse = page.locator('tr[data-area="nprz-carnisse"] td[data-indicator="obesitas_pct"]');
		await expect(carnisse.getAttribute('class')).resolves.toContain('bad');
		await expect(carnisse.textContent()).resolves.toMatch(/▼\s*Slechter t\.o\.v\. stad\s*verschil \+0,4 procentpunt → \+1,2 procentpunt \(2016–2020\)/);
		// Bloemhof has a (test) target on obesity: its status, not the movement.
		await expect(page.locator('tr[data-area="nprz-bloemhof"] td[data-indicator="obesitas_pct"]').textContent()).resolves.toContain('Doel: niet op koers');
		expect(await a11yViolations(page)).toEqual([]);

		// The filter: NPLV in Rotterdam is Rotterdam-Zuid alone, with the published NPRZ target on bijstand, status unknown.
		await page.locator('select[name=programma]').selectOption('NPLV');
		await page.locator('select[name=stad]').selectOption('GM0599');
		await page.getByRole('button', { name: 'Toon' }).click();
		await page.waitForURL(/stad=GM0599/);
		await expect.poll(() => page.locator('table.matrix tbody tr').count()).toBe(1);
		await expect(page.locator('tr[data-area="rotterdam-zuid"] td[data-indicator="bijstand_pct_elan"]').textContent()).resolves.toContain('Doel: onbekend');
		// A cell leads to the chart on the area page.
		await page.locator('tr[data-area="rotterdam-zuid"] td[data-indicator="obesitas_pct"] a').click();
		await page.waitForURL(/\/gebied\/rotterdam-zuid\?thema=gezondheid#ind-obesitas_pct/);
		await page.goBack();
		await expect.poll(() => page.locator('table.matrix tbody tr').count()).toBe(1);
		await page.locator('header a.lang').click();
		await page.waitForURL(/lang=en/);
		await expect(page.locator('h1').textContent()).resolves.toBe('Progress per focus area');
		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
	});

	it('lists the focus areas in a negative spiral with the indicators that moved, and takes the threshold from the form', async () => {
		const { page, errors } = await openPage(browser, '/vergelijk?set=nplv');
		const spiral = page.locator('section.spiral');
		// Den Haag Zuidwest fell further behind 's-Gravenhage on three indicators, e.g. overweight +6,6 → +8,5 points (2016–2020).
		await expect(spiral.locator('li[data-area="den-haag-zuidwest"]').textContent()).resolves.toContain(
			"Overgewicht (incl. obesitas): verschil met 's-Gravenhage +6,6 procentpunt → +8,5 procentpunt (2016–2020)"
		);
		const listed = () => spiral.locator(':scope > ul > li').count();
		const atThree = await listed();
		await page.locator('input[name=spiraal]').fill('1');
		await page.getByRole('button', { name: 'Vergelijk' }).click();
		await page.waitForURL(/spiraal=1/);
		await expect.poll(listed).toBeGreaterThan(atThree);
		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
	});

	it('downloads the table as CSV and JSON with the figures shown', async () => {
		const base = new URL(baseUrl!).origin;
		const csv = await (await fetch(`${base}/vergelijk/tabel?set=nprz&indicatoren=obesitas_pct&formaat=standaard`)).text();
		const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
		expect(lines[1]).toContain('obesitas_pct,Ernstig overgewicht (obesitas)');
		expect(lines[1]).toContain('nprz-carnisse,Carnisse (NPRZ focuswijk),Rotterdam,2020,1,');
		const body = (await (await fetch(`${base}/vergelijk/tabel?set=nprz&indicatoren=obesitas_pct&formaat=json`)).json()) as {
			indicators: { key: string; rankPeriod: number; rows: { id: string; rank: number; latest: { value: number } }[] }[];
		};
		const bloemhof = body.indicators[0].rows.find((r) => r.id === 'nprz-bloemhof')!;
		expect([body.indicators[0].rankPeriod, bloemhof.rank, bloemhof.latest.value.toFixed(1)]).toEqual([2020, 5, '22.5']);
	});
});
