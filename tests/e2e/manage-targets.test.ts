/**
 * Managing programme targets on /beheer/doelen, in Chromium against the built
 * app. A second administrator (made by `admin:create` in the global set-up)
 * creates two monitors: one of Rotterdam (GM0599), one of Amsterdam (GM0363).
 *
 * The Rotterdam monitor adds a TEST target for Bloemhof (obesity at most 15 %
 * in 2032, from 2012; not a published goal), first with text in the number
 * field, then corrected; edits it and deletes it. From the figures in
 * tests/e2e/area.test.ts: obesity in Bloemhof 19,0 (2012) → 22,5 % (2020);
 * distance to 15: 4,0 → 7,5, the path plans 4,0 × (1 − 8/20) = 2,4 for 2020:
 * "niet op koers". Edited to 25 %: 22,5 is below it, "gehaald". Its id sorts
 * before the global set-up's test target, so the progress matrix shows this
 * one in the Bloemhof × obesity cell. The target is deleted at the end, so
 * the other browser tests see the state they expect.
 *
 * The accounts sign in over HTTP from 127.0.0.2, a loopback address of their
 * own, and hand the session cookie to the browser: the sign-in limit, which
 * tests/e2e/auth.test.ts uses up for 127.0.0.1, does not apply to them.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { browserAs, createUser, firstSignIn, send, type Jar } from './accounts';
import { a11yViolations, baseUrl, hasBrowser, launch, openPage } from './browser';

const admin = inject('targetsAdmin');
const ID = 'e2e-bloemhof-obesitas-15';

/** What a visitor without an account sees (served from the stored pages when nothing changed). */
async function anonymous(browser: Browser, path: string) {
	const { page, errors } = await openPage(browser, path);
	return { page, errors };
}

describe.runIf(hasBrowser && admin)('programme targets managed by monitors', () => {
	let browser: Browser;
	let rotterdam: Jar;
	let amsterdam: Jar;

	beforeAll(async () => {
		browser = await launch();
		const adminJar = await firstSignIn(admin!.email, admin!.password);
		const rotterdamOtp = await createUser(adminJar, 'monitor-rotterdam@example.org', 'monitor', { gemeenteCode: 'GM0599' });
		const amsterdamOtp = await createUser(adminJar, 'monitor-amsterdam@example.org', 'monitor', { gemeenteCode: 'GM0363' });
		rotterdam = await firstSignIn('monitor-rotterdam@example.org', rotterdamOtp);
		amsterdam = await firstSignIn('monitor-amsterdam@example.org', amsterdamOtp);
	});

	afterAll(async () => {
		// Test data: whatever a failed run left behind goes, so the other browser tests see the shipped state.
		if (rotterdam) await send(rotterdam, '/beheer/doelen?/delete', { id: ID });
		await browser?.close();
	});

	it('adds a target (refused first for text in a number field), shows it on the area page, progress and compare, edits and deletes it', async () => {
		// Visitors' pages, stored before the change: they must not outlive it.
		const before = await anonymous(browser, '/gebied/nprz-bloemhof');
		await expect(before.page.locator(`[data-target="${ID}"]`).count()).resolves.toBe(0);
		await before.page.close();

		const { context, page, errors } = await browserAs(browser, rotterdam);
		await page.goto(baseUrl + '/', { waitUntil: 'networkidle' });
		await page.getByRole('link', { name: 'Doelen beheren' }).click();
		await page.waitForURL('**/beheer/doelen');
		await expect(page.getByText('U beheert de doelen van gebieden in: Rotterdam.').count()).resolves.toBe(1);
		// Rotterdam's targets: the set-up's test target on Bloemhof and the shipped one on Rotterdam-Zuid.
		await expect(page.locator('tr[data-managed-target="test-bloemhof-obesitas-g4"]').count()).resolves.toBe(1);
		await expect(page.locator('tr[data-managed-target="nprz-bijstand-g4"]').count()).resolves.toBe(1);
		expect(await a11yViolations(page)).toEqual([]);

		await page.getByLabel('Id', { exact: true }).fill(ID);
		await page.getByLabel('Gebied', { exact: true }).fill('nprz-bloemhof');
		await page.getByLabel('Indicator', { exact: true }).fill('obesitas_pct');
		await page.getByLabel('Een waarde bereiken').check();
		await page.getByLabel('Doelwaarde').fill('vijftien');
		await page.getByLabel('Basisjaar').fill('2012');
		await page.getByLabel('Doeljaar').fill('2032');
		await page.getByLabel('Bron (citaat)').fill('TESTDOEL voor de browsertests: geen gepubliceerd doel');
		await page.getByLabel('Vastgesteld door').fill('e2e');
		await page.getByLabel('Vastgesteld op').fill('2026');
		await page.getByRole('button', { name: 'Doel opslaan' }).click();
		await page.waitForLoadState('networkidle');

		// Refused: the summary has the focus, the field says why, what was typed is kept, nothing was stored.
		const summary = page.locator('[data-error-summary]');
		await expect(summary.textContent()).resolves.toContain('doelwaarde is geen getal');
		await expect.poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
		const value = page.getByLabel('Doelwaarde');
		await expect(value.getAttribute('aria-invalid')).resolves.toBe('true');
		const described = (await value.getAttribute('aria-describedby'))!.split(' ');
		await expect(page.locator(`#${described.at(-1)}`).textContent()).resolves.toContain('doelwaarde is geen getal (bijvoorbeeld 12,5 of 12.5)');
		await expect(value.inputValue()).resolves.toBe('vijftien');
		await expect(page.getByLabel('Id', { exact: true }).inputValue()).resolves.toBe(ID);
		await expect(page.getByLabel('Bron (citaat)').inputValue()).resolves.toContain('TESTDOEL');
		await expect(page.locator(`tr[data-managed-target="${ID}"]`).count()).resolves.toBe(0);
		expect(await a11yViolations(page)).toEqual([]);

		await value.fill('15');
		await page.getByRole('button', { name: 'Doel opslaan' }).click();
		await page.waitForURL(`**/beheer/doelen?opgeslagen=${ID}`);
		await expect(page.getByText(`Doel ${ID} is opgeslagen.`).count()).resolves.toBe(1);
		const row = page.locator(`tr[data-managed-target="${ID}"]`);
		await expect(row.textContent()).resolves.toContain('Bloemhof');
		await expect(row.textContent()).resolves.toContain('2012 – 2032');
		await expect(row.textContent()).resolves.toContain('monitor-rotterdam@example.org');

		// On the area page, for a visitor too: status and glide path.
		await row.getByRole('link', { name: /Bloemhof/ }).click();
		await page.waitForURL('**/gebied/nprz-bloemhof');
		await expect(page.locator(`[data-target="${ID}"]`).getAttribute('data-status')).resolves.toBe('niet_op_koers');
		const visitor = await anonymous(browser, '/gebied/nprz-bloemhof');
		const shown = visitor.page.locator(`[data-target="${ID}"]`);
		await expect(shown.getAttribute('data-status')).resolves.toBe('niet_op_koers');
		await expect(shown.textContent()).resolves.toContain('TESTDOEL');
		await expect(visitor.page.locator(`#ind-obesitas_pct path.glide[data-path="${ID}"]`).count()).resolves.toBe(1);
		expect(visitor.errors).toEqual([]);
		const progressCell = (p: Page) => p.locator('tr[data-area="nprz-bloemhof"] td[data-indicator="obesitas_pct"]').getAttribute('data-status');
		await visitor.page.goto(baseUrl + '/voortgang?programma=NPRZ', { waitUntil: 'networkidle' });
		await expect(progressCell(visitor.page)).resolves.toBe('niet_op_koers');
		await visitor.page.goto(baseUrl + '/vergelijk?set=nprz', { waitUntil: 'networkidle' });
		const comparePath = (p: Page) => p.locator(`article[data-indicator="obesitas_pct"] svg.plot path.glide[data-path="${ID}"]`).count();
		await expect(comparePath(visitor.page)).resolves.toBe(1);

		// Edit: the stored values in the form, the id fixed; 25 % is reached already.
		await page.goto(baseUrl + '/beheer/doelen', { waitUntil: 'networkidle' });
		await page.getByRole('link', { name: `Doel ${ID} bewerken` }).click();
		await page.waitForURL(`**/beheer/doelen?bewerken=${ID}*`);
		await expect(page.getByRole('heading', { name: `Doel ${ID} bewerken` }).count()).resolves.toBe(1);
		await expect(page.getByLabel('Id', { exact: true }).getAttribute('readonly')).resolves.not.toBeNull();
		await expect(page.getByLabel('Doelwaarde').inputValue()).resolves.toBe('15');
		await page.getByLabel('Doelwaarde').fill('25');
		await page.getByRole('button', { name: 'Doel opslaan' }).click();
		await page.waitForURL(`**/beheer/doelen?opgeslagen=${ID}`);
		await visitor.page.goto(baseUrl + '/gebied/nprz-bloemhof', { waitUntil: 'networkidle' });
		await expect(visitor.page.locator(`[data-target="${ID}"]`).getAttribute('data-status')).resolves.toBe('gehaald');
		await visitor.page.goto(baseUrl + '/voortgang?programma=NPRZ', { waitUntil: 'networkidle' });
		await expect(progressCell(visitor.page)).resolves.toBe('gehaald');

		// Delete, after a confirmation step.
		await page.getByRole('link', { name: `Doel ${ID} verwijderen` }).click();
		await page.waitForURL(`**/beheer/doelen?verwijderen=${ID}*`);
		await expect(page.getByRole('heading', { name: `Doel ${ID} verwijderen?` }).count()).resolves.toBe(1);
		await expect(page.locator(`tr[data-managed-target="${ID}"]`).count()).resolves.toBe(1);
		expect(await a11yViolations(page)).toEqual([]);
		await page.getByRole('button', { name: 'Ja, verwijderen' }).click();
		await page.waitForURL(`**/beheer/doelen?verwijderd=${ID}`);
		await expect(page.locator(`tr[data-managed-target="${ID}"]`).count()).resolves.toBe(0);
		await visitor.page.goto(baseUrl + '/gebied/nprz-bloemhof', { waitUntil: 'networkidle' });
		await expect(visitor.page.locator(`[data-target="${ID}"]`).count()).resolves.toBe(0);
		await visitor.page.goto(baseUrl + '/vergelijk?set=nprz', { waitUntil: 'networkidle' });
		await expect(comparePath(visitor.page)).resolves.toBe(0);
		await visitor.page.goto(baseUrl + '/voortgang?programma=NPRZ', { waitUntil: 'networkidle' });
		await expect(progressCell(visitor.page)).resolves.toBe('niet_op_koers');
		expect(visitor.errors).toEqual([]);
		await visitor.page.close();

		// The audit trail has the three changes, with the values before and after.
		await page.goto(baseUrl + `/beheer/audit?entity=target`, { waitUntil: 'networkidle' });
		const audit = page.locator('tbody tr', { hasText: ID });
		await expect(audit.count()).resolves.toBe(3);
		await expect(audit.locator('td:nth-child(3)').allTextContents()).resolves.toEqual(['delete', 'update', 'create']);
		await expect(audit.first().textContent()).resolves.toContain('"value":25');
		await expect(audit.nth(1).textContent()).resolves.toContain('"value":15');
		// The refused save answers 400 (the form with its reasons), which Chromium reports on the console; nothing else went wrong.
		expect(errors).toEqual(['console: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
		await context.close();
	});

	it('refuses a monitor of another gemeente (403) and lists only their own targets', async () => {
		const edit = {
			mode: 'update',
			id: 'test-bloemhof-obesitas-g4',
			gebied: 'nprz-bloemhof',
			indicator: 'obesitas_pct',
			soort: 'referentie',
			doelwaarde: '',
			referentie: 'nl',
			basisjaar: '2012',
			doeljaar: '2032',
			bron: 'overgenomen',
			bron_url: '',
			vastgesteld_door: 'e2e',
			vastgesteld_op: '2026'
		};
		expect((await send(amsterdam, '/beheer/doelen?/save', edit)).status).toBe(403);
		expect((await send(amsterdam, '/beheer/doelen?/delete', { id: 'test-bloemhof-obesitas-g4' })).status).toBe(403);
		expect((await send(amsterdam, '/beheer/doelen?/save', { ...edit, mode: 'create', id: 'e2e-amsterdam-in-rotterdam' })).status).toBe(403);
		const list = await send(amsterdam, '/beheer/doelen');
		expect(list.status).toBe(200);
		expect(list.body).not.toContain('test-bloemhof-obesitas-g4');
		expect(list.body).toContain('Er zijn nog geen doelen die u mag beheren.');
		// Unchanged: still the set-up's reference to the G4.
		const { page } = await anonymous(browser, '/gebied/nprz-bloemhof');
		const text = (await page.locator('[data-target="test-bloemhof-obesitas-g4"]').textContent())!.replace(/\s+/g, ' ');
		expect(text).toContain('het G4-gemiddelde bereiken in 2032');
		await page.close();
	});

	it('refuses an uploaded file with a bad line as a whole, line by line', async () => {
		const { context, page, errors } = await browserAs(browser, rotterdam);
		await page.goto(baseUrl + '/beheer/doelen', { waitUntil: 'networkidle' });
		const header = 'id;gebied;indicator;soort;doelwaarde;referentie;basisjaar;doeljaar;bron;bron_url;vastgesteld_door;vastgesteld_op';
		const good = `${ID};nprz-bloemhof;obesitas_pct;waarde;15,5;;2012;2032;TESTDOEL;;e2e;2026`;
		const bad = 'e2e-slecht;nprz-bloemhof;obesitas_pct;waarde;15;;2012;2010;TESTDOEL;;e2e;2026';
		const elsewhere = 'e2e-amsterdam;GM0363;obesitas_pct;waarde;15;;2012;2030;TESTDOEL;;e2e;2026';
		await page
			.getByLabel('CSV-bestand', { exact: true })
			.setInputFiles({ name: 'doelen.csv', mimeType: 'text/csv', buffer: Buffer.from([header, good, bad, elsewhere].join('\n')) });
		await page.getByRole('button', { name: 'Bestand laden' }).click();
		await page.waitForLoadState('networkidle');
		const report = page.locator('[data-upload-problems]');
		await expect(report.locator('p').first().textContent()).resolves.toContain('Het bestand is geweigerd: 2 problemen. Er is niets opgeslagen.');
		const rows = await report
			.locator('tbody tr')
			.evaluateAll((trs) => trs.map((tr) => [...(tr as HTMLTableRowElement).cells].map((c) => c.textContent?.trim())));
		expect(rows).toEqual([
			['3', 'doeljaar', 'doeljaar 2010 ligt niet na het basisjaar 2012'],
			['4', 'gebied', 'gebied GM0363 ligt buiten de gemeente waarvoor u monitor bent']
		]);
		await expect(page.locator(`tr[data-managed-target="${ID}"]`).count()).resolves.toBe(0);
		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual(['console: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
		await context.close();
	});

	it('has no serious accessibility problem at 390 px wide, and the page does not scroll sideways', async () => {
		const { context, page, errors } = await browserAs(browser, rotterdam, { width: 390, height: 844 });
		await page.goto(baseUrl + '/beheer/doelen', { waitUntil: 'networkidle' });
		expect(await a11yViolations(page)).toEqual([]);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		expect(errors).toEqual([]);
		await context.close();
	});
});
