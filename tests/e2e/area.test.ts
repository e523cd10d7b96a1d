/**
 * The area page (/gebied/…) in Chromium on the real data. The expected figures
 * are worked out by hand from the data package's CSV files (see
 * tests/db/area-page.test.ts for the arithmetic), rounded as shown:
 *   obesity Bloemhof 19,0 / 21,2 / 22,5 %, Rotterdam 14,9 / 16,7 / 17,5 %,
 *   rest of Rotterdam 14,8 / 16,6 / 17,4 %, NL 12,9 / 14,3 / 15,6 %;
 *   Overvecht 14,9 / 16,9 / 17,9, Utrecht 10,2 / 11,3 / 11,4, rest 9,6 / 10,7 / 10,7;
 *   Den Haag Zuidwest 17,2 / 18,8 / 20,8, Den Haag 13,9 / 14,2 / 15,8, rest 13,4 / 13,5 / 15,0.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { a11yViolations, baseUrl, hasBrowser, launch, openPage } from './browser';

/** The cells of the obesity table: series → [2012, 2016, 2020] as shown. */
async function obesityTable(page: Page) {
	const section = page.locator('#ind-obesitas_pct');
	const out: Record<string, string[]> = {};
	for (const series of ['area', 'stad', 'rest', 'nl', 'g4']) {
		const cells = section.locator(`table.data td[data-series="${series}"] .v`);
		out[series] = (await cells.allTextContents()).map((s) => s.trim());
	}
	return out;
}

/** "22,5%" → 22.5, "€ 23.300" → 23300, "60,5 per 1.000" → 60.5 (Dutch page). */
const parseNl = (s: string) => Number(/\d[\d.]*(,\d+)?/.exec(s)![0].replace(/\./g, '').replace(',', '.'));

describe.runIf(hasBrowser)('area page in Chromium, on the real data', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launch();
	});
	afterAll(() => browser?.close());

	it('shows Bloemhof’s obesity 2012–2020 against Rotterdam, the rest of Rotterdam and NL, with charts and no errors', async () => {
		const { page, errors, foreignRequests } = await openPage(browser, '/gebied/nprz-bloemhof', { width: 1280, height: 900 });
		await expect(page.locator('h1').textContent()).resolves.toContain('Bloemhof');
		expect(await obesityTable(page)).toMatchObject({
			area: ['19,0%', '21,2%', '22,5%'],
			stad: ['14,9%', '16,7%', '17,5%'],
			rest: ['14,8%', '16,6%', '17,4%'],
			nl: ['12,9%', '14,3%', '15,6%']
		});
		const section = page.locator('#ind-obesitas_pct');
		await expect(section.locator('.summary').textContent()).resolves.toContain(
			'ernstig overgewicht (obesitas) steeg van 19,0% in 2012 naar 22,5% in 2020; Rotterdam van 14,9% naar 17,5%; het verschil nam toe met 0,9 procentpunt.'
		);
		// The chart: five lines with markers, estimates drawn open, a legend naming each line.
		const chart = section.locator('svg[role=slider]');
		expect(await chart.locator('g.series').count()).toBe(5);
		expect(await chart.locator('g.series[data-series=area] path.marker').count()).toBe(3);
		expect(await chart.locator('g.series[data-series=area] path.marker').first().getAttribute('fill')).toBe('#ffffff');
		// All three values are model estimates: one dashed path joins them, with no solid piece.
		expect(await chart.locator('g.series[data-series=area] path.line[stroke-dasharray]').count()).toBe(1);
		expect(await chart.locator('g.series[data-series=area] path.line').count()).toBe(1);
		await expect(section.locator('.legend').textContent()).resolves.toMatch(/Rotterdam.*Rest van Rotterdam.*Nederland.*G4/s);
		// The gap table: +5,0 points to Rotterdam in 2020, widened by 0,9 since 2012.
		const stad = section.locator('table.compare tr[data-series=stad]');
		await expect(stad.textContent()).resolves.toContain('+5,0 procentpunt');
		await expect(stad.textContent()).resolves.toContain('groter geworden (+0,9 procentpunt sinds 2012)');
		// The scorecard: 22,5 % in 2020 next to Rotterdam 17,5 % and NL 15,6 %, 5th of the 7 NPRZ focuswijken
		// (lower is better: Carnisse 18,7, Oud-Charlois 18,9, Tarwewijk 19,8 and Hillesluis 21,7 are lower).
		const score = page.locator('section.headline tr[data-indicator=obesitas_pct]');
		expect((await score.locator('td').allTextContents()).map((s) => s.trim())).toEqual([
			'2020',
			'22,5%*',
			'17,5%',
			'15,6%',
			'14,4%',
			'+5,0 procentpunt',
			'+1,3 procentpunt sinds 2016 (slechter)',
			'+3,5 procentpunt sinds 2012 (slechter)',
			'5e van 7 NPRZ-focuswijken'
		]);
		await expect(score.locator('td.position svg circle').count()).resolves.toBe(1);
		// The boundary note for Rotterdam's buurt outlines.
		await expect(page.locator('.outline figcaption').textContent()).resolves.toContain('rond 2015');
		const dir = path.resolve(import.meta.dirname, '../../screenshots');
		mkdirSync(dir, { recursive: true });
		await page.screenshot({ path: path.join(dir, 'area-bloemhof.png'), fullPage: false });
		await section.screenshot({ path: path.join(dir, 'area-bloemhof-obesity.png') });
		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
		expect(foreignRequests).toEqual([]);
	});

	it('shows Utrecht Overvecht and Den Haag Zuidwest the same way', async () => {
		const o = await openPage(browser, '/gebied/utrecht-overvecht');
		expect(await obesityTable(o.page)).toMatchObject({
			area: ['14,9%', '16,9%', '17,9%'],
			stad: ['10,2%', '11,3%', '11,4%'],
			rest: ['9,6%', '10,7%', '10,7%'],
			nl: ['12,9%', '14,3%', '15,6%']
		});
		const z = await openPage(browser, '/gebied/den-haag-zuidwest');
		expect(await obesityTable(z.page)).toMatchObject({
			area: ['17,2%', '18,8%', '20,8%'],
			stad: ['13,9%', '14,2%', '15,8%'],
			rest: ['13,4%', '13,5%', '15,0%']
		});
		expect([...o.errors, ...z.errors]).toEqual([]);
	});

	it('reads the chart by keyboard: the slider value names every line’s figure of the period', async () => {
		const { page, errors } = await openPage(browser, '/gebied/BU05991081?ind=obesitas_pct');
		const chart = page.locator('#ind-obesitas_pct svg[role=slider]');
		await chart.focus();
		await expect(chart.getAttribute('aria-valuenow')).resolves.toBe('2020');
		await page.keyboard.press('ArrowLeft');
		await expect(chart.getAttribute('aria-valuenow')).resolves.toBe('2016');
		await expect(chart.getAttribute('aria-valuetext')).resolves.toBe(
			'2016: Bloemhof: 21,2% (modelschatting); Rotterdam: 16,7% (modelschatting); Rest van Rotterdam: 16,6% (modelschatting); Nederland: 14,3% (modelschatting); G4: 13,8% (modelschatting)'
		);
		await page.keyboard.press('Home');
		await expect(chart.getAttribute('aria-valuenow')).resolves.toBe('2012');
		// The description is the plain-language sentence.
		const described = (await chart.getAttribute('aria-describedby'))!.split(' ')[0];
		await expect(page.locator(`#${described}`).textContent()).resolves.toMatch(/^Bloemhof: ernstig overgewicht/);
		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
	});

	it('exports as CSV exactly the figures in the page’s tables', async () => {
		const { page, errors } = await openPage(
			browser,
			'/gebied/nprz-bloemhof?ind=obesitas_pct,inkomen_per_inwoner_keur,misdrijven_per_1000&extra=GM0363&thema=alle'
		);
		const href = (await page.locator('a[data-csv="standaard"]').getAttribute('href'))!;
		expect(href).toBe('/gebied/nprz-bloemhof/csv?extra=GM0363&ind=obesitas_pct,inkomen_per_inwoner_keur,misdrijven_per_1000&formaat=standaard');
		const res = await page.request.get(baseUrl + href);
		expect(res.headers()['content-type']).toContain('text/csv');
		const lines = (await res.text()).replace(/^\uFEFF/, '').split('\r\n');
		const csv = new Map<string, string>();
		for (const l of lines.slice(1)) {
			const f = l.split(',');
			if (f.length >= 18 && f[8] !== '') csv.set(`${f[4]}|${f[2]}|${f[7]}`, f[8]);
		}
		const cells = page.locator('table.data td[data-series]');
		const shown = new Map<string, string>();
		for (let i = 0; i < (await cells.count()); i++) {
			const cell = cells.nth(i);
			const v = await cell.locator('.v').allTextContents();
			if (!v.length) continue;
			const ind = await cell.evaluate((el) => el.closest('article')!.getAttribute('data-indicator'));
			shown.set(`${ind}|${await cell.getAttribute('data-series')}|${await cell.getAttribute('data-period')}`, v[0]);
		}
		expect(shown.size).toBeGreaterThan(40);
		expect([...csv.keys()].sort()).toEqual([...shown.keys()].sort());
		for (const [key, text] of shown) expect(Number(csv.get(key)), key).toBe(parseNl(text));
		expect(lines).toContain('Bronvermelding');
		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
	});

	it('keeps the chosen references and added areas in a shareable URL', async () => {
		const { page, errors } = await openPage(browser, '/gebied/nprz-bloemhof?ind=obesitas_pct');
		await page.locator('input[name=ref][value=g4]').uncheck();
		await page.locator('select[name=extra]').selectOption('GM0363');
		await page.getByRole('button', { name: 'Toon' }).click();
		await page.waitForURL(/extra=GM0363/);
		const url = new URL(page.url());
		expect(url.searchParams.getAll('ref').filter(Boolean)).toEqual(['stad', 'rest', 'nl']);
		// Reloading the shared address shows the same view.
		const again = await openPage(browser, url.pathname + url.search);
		const legend = (await again.page.locator('#ind-obesitas_pct .legend').textContent()) ?? '';
		expect(legend).toContain('Amsterdam');
		expect(legend).not.toContain('G4');
		await expect(again.page.locator('a[data-share]').getAttribute('href')).resolves.toBe(
			'/gebied/nprz-bloemhof?ref=stad,rest,nl&extra=GM0363&ind=obesitas_pct'
		);
		expect([...errors, ...again.errors]).toEqual([]);
	});

	it('speaks English, and prints on A4 with the area name and date in the page margin', async () => {
		const { page, errors } = await openPage(browser, '/gebied/nprz-bloemhof?ind=obesitas_pct,roker_pct&lang=en');
		await expect(page.locator('#ind-obesitas_pct .summary').textContent()).resolves.toContain(
			'obesity rose from 19.0% in 2012 to 22.5% in 2020; Rotterdam from 14.9% to 17.5%; the gap widened by 0.9 percentage points.'
		);
		const style = await page.evaluate(() => [...document.head.querySelectorAll('style')].map((s) => s.textContent).join('\n'));
		expect(style).toMatch(/@page \{ size: A4;/);
		expect(style).toContain('@top-left { content: "Bloemhof (NPRZ focuswijk) · Neighbourhood programme monitor"');
		expect(style).toMatch(/@top-right \{ content: "Printed on \d{1,2} \w+ \d{4}"/);
		await page.emulateMedia({ media: 'print' });
		expect(await page.locator('form.view').isVisible()).toBe(false);
		const pdf = await page.pdf({ preferCSSPageSize: true });
		// A4 is 210 × 297 mm = 595 × 842 points (Chromium writes 594.96 × 841.92).
		const boxes = pdf.toString('latin1').match(/\/MediaBox \[[^\]]*\]/g) ?? [];
		expect(boxes.length).toBeGreaterThanOrEqual(2);
		for (const b of boxes) expect(b).toMatch(/^\/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]$/);
		// With poppler's pdftotext at hand: the area's name and the date on every page.
		if (existsSync('/usr/bin/pdftotext')) {
			const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'area-pdf-')), 'area.pdf');
			writeFileSync(file, pdf);
			const pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
				.split('\f')
				.filter((p) => p.trim());
			expect(pages.length).toBe(boxes.length);
			for (const text of pages) expect(text).toMatch(/Bloemhof \(NPRZ focuswijk\) · Neighbourhood programme monitor\s+Printed on \d{1,2} \w+ \d{4}/);
		}
		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
	});

	// Het Hogeland exists since 2019; see tests/db/area-page.test.ts for the arithmetic:
	// 2018 = Bedum 10 475 + De Marne 10 058 + Eemsmond 15 553 + Winsum 13 560 × 12 055 / 13 550 = 48 150.
	it('converts Het Hogeland’s figures before 2019 from the gemeenten of then, marked on the page, chart, table and CSV, in both languages', async () => {
		const { page, errors } = await openPage(browser, '/gebied/GM1966?thema=bevolking', { width: 390, height: 844 });
		const note = page.locator('[data-crosswalk="GM1966"]');
		await expect(note.textContent()).resolves.toMatch(
			/Het Hogeland bestaat in deze vorm sinds 2019\. Cijfers van eerdere jaren zijn omgerekend uit de gebieden van toen \(indeling 2018\): Bedum, De Marne, Eemsmond, Winsum \(89% van de inwoners\)\./
		);
		const section = page.locator('[data-indicator="inwoners"]');
		await expect(section.locator('[data-boundary-break="2019"] title').textContent()).resolves.toBe('Vóór 2019 omgerekend');
		await expect(section.locator('[data-break-legend="2019"]').textContent()).resolves.toBe('stippellijn: Vóór 2019 omgerekend');
		await expect(section.locator('.summary').textContent()).resolves.toContain(
			'Cijfers tot en met 2018 zijn omgerekend uit de gebieden van een oudere indeling.'
		);
		await section.locator('details.figures summary').click();
		const cell = (period: number) => section.locator(`table.data td[data-series="area"][data-period="${period}"]`);
		await expect(cell(2018).locator('.v').textContent()).resolves.toBe('48.150');
		await expect(cell(2018).locator('sup').allTextContents()).resolves.toEqual(['o']);
		await expect(cell(2018).textContent()).resolves.toContain('omgerekend uit de gebieden van de indeling 2018');
		await expect(cell(2019).locator('.v').textContent()).resolves.toBe('47.888');
		expect(await cell(2019).locator('sup').count()).toBe(0);
		await expect(section.locator('details.figures p.small').textContent()).resolves.toContain('omgerekend uit de gebieden van een oudere indeling');
		expect(await a11yViolations(page)).toEqual([]);

		// In English, the same figures with the English mark.
		await page.goto(`${baseUrl}/gebied/GM1966?thema=bevolking&lang=en`);
		await expect(note.textContent()).resolves.toContain('Het Hogeland has existed in this form since 2019');
		await expect(note.textContent()).resolves.toContain('Winsum (89% of its inhabitants)');
		await section.locator('details.figures summary').click();
		await expect(cell(2017).locator('sup').allTextContents()).resolves.toEqual(['b']);
		await page.goto(`${baseUrl}/gebied/GM1966?thema=bevolking&lang=nl`);
		expect(errors).toEqual([]);
		await page.close();

		const csv = await (await fetch(`${baseUrl}/gebied/GM1966/csv?ind=inwoners`)).text();
		const rows = csv
			.replace(/^\uFEFF/, '')
			.split(/\r?\n/)
			.filter((l) => /^GM1966[;,]/.test(l) && /[;,]area[;,]/.test(l));
		const of = (period: number) => rows.find((l) => l.split(/[;,]/)[7] === String(period))!;
		expect(of(2012).endsWith('omgerekend uit de gebieden van de indeling 2012')).toBe(true);
		expect(of(2018).endsWith('omgerekend uit de gebieden van de indeling 2018')).toBe(true);
		expect(of(2019).endsWith('omgerekend uit de gebieden van de indeling 2018')).toBe(false);
	});

	it('loads the largest focus area (Rotterdam-Zuid) light, opens its themes on demand, and a gemeente without errors', async () => {
		const zuid = await openPage(browser, '/gebied/rotterdam-zuid');
		const p = zuid.page;
		// Key figures first; the charts of the first theme only (Gezondheid: 7).
		await expect(p.locator('#kerncijfers').textContent()).resolves.toBe('Kerncijfers');
		expect(await p.locator('section.headline tbody tr').count()).toBeGreaterThanOrEqual(5);
		expect(await p.locator('article.indicator').count()).toBe(7);
		expect(await p.locator('section.theme[data-open=false]').count()).toBe(5);
		// Opening one theme adds its charts and keeps the open one; the URL says which.
		await p.locator('a[data-open-theme=veiligheid]').click();
		await p.waitForURL(/thema=gezondheid,veiligheid/);
		await p.locator('section[data-theme=veiligheid] article.indicator').first().waitFor();
		expect(await p.locator('section[data-theme=veiligheid] article.indicator').count()).toBe(25);
		expect(await p.locator('section[data-theme=gezondheid] article.indicator').count()).toBe(7);
		// All themes, then back: one step of history undoes the last choice.
		await p.locator('a[data-all-themes]').click();
		await p.waitForURL(/thema=alle/);
		await p.waitForFunction(() => document.querySelectorAll('article.indicator').length > 50);
		await p.goBack();
		await p.waitForURL(/thema=gezondheid,veiligheid$|thema=gezondheid,veiligheid#/);
		await p.waitForFunction(() => document.querySelectorAll('article.indicator').length === 32);
		// Hiding a theme takes its charts away.
		await p.locator('section[data-theme=gezondheid] .theme-toggle a').click();
		await p.waitForFunction(() => document.querySelectorAll('section[data-theme=gezondheid] article.indicator').length === 0);
		const gm = await openPage(browser, '/gebied/GM0599');
		expect(await gm.page.locator('#ind-obesitas_pct table.compare tr[data-series]').count()).toBe(2);
		const missing = await openPage(browser, '/gebied/bestaat-niet');
		await expect(missing.page.locator('main').textContent()).resolves.toContain('Deze pagina bestaat niet');
		expect([...zuid.errors, ...gm.errors]).toEqual([]);
	});
});
