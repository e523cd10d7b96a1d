/**
 * Interventions, in Chromium against the built app. A third administrator
 * (made by `admin:create` in the global set-up) creates two coordinators: one
 * of Bloemhof (nprz-bloemhof), one of Amsterdam Nieuw-West.
 *
 * The Bloemhof coordinator adds a made-up TEST intervention on the health
 * theme (2014–2016, € 125.000), first with an end before the start, then
 * corrected. It shows on the area page's timeline and as a band on the
 * obesity chart (health), with its line in the chart's list; the switch hides
 * the bands. The other coordinator is refused (403). The intervention is
 * deleted at the end, so the other browser tests see the state they expect.
 *
 * The accounts sign in over HTTP from 127.0.0.3, a loopback address of their
 * own, and hand the session cookie to the browser: the sign-in limits other
 * tests use up do not apply to them.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { browserAs, createUser, firstSignIn, send, type Jar } from './accounts';
import { a11yViolations, baseUrl, hasBrowser, launch, openPage } from './browser';

/** This file's own loopback address for signing in (see accounts.ts). */
const FROM = '127.0.0.3';

const admin = inject('interventionsAdmin');
const TITLE = 'Testinterventie gezondheid Bloemhof';
const ID = 'e2e-testinterventie-bloemhof';

describe.runIf(hasBrowser && admin)('interventions managed by coordinators', () => {
	let browser: Browser;
	let bloemhof: Jar;
	let other: Jar;

	beforeAll(async () => {
		browser = await launch();
		const adminJar = await firstSignIn(admin!.email, admin!.password, FROM);
		const bloemhofOtp = await createUser(adminJar, 'coordinator-bloemhof-interventies@example.org', 'coordinator', { focusAreaId: 'nprz-bloemhof' });
		const otherOtp = await createUser(adminJar, 'coordinator-nieuw-west@example.org', 'coordinator', { focusAreaId: 'amsterdam-nieuw-west' });
		bloemhof = await firstSignIn('coordinator-bloemhof-interventies@example.org', bloemhofOtp, FROM);
		other = await firstSignIn('coordinator-nieuw-west@example.org', otherOtp, FROM);
	});

	afterAll(async () => {
		// Test data: whatever a failed run left behind goes, so the other browser tests see the shipped state.
		if (bloemhof) await send(bloemhof, '/beheer/interventies?/delete', { id: ID });
		await browser?.close();
	});

	it('adds an intervention (refused first for an end before the start) that shows on the timeline and as a band, hidden by the switch', async () => {
		const before = await openPage(browser, '/gebied/nprz-bloemhof');
		await expect(before.page.locator(`[data-interventions] li[data-intervention="${ID}"]`).count()).resolves.toBe(0);
		await before.page.close();

		const { context, page, errors } = await browserAs(browser, bloemhof, { width: 390, height: 844 });
		await page.goto(baseUrl + '/', { waitUntil: 'networkidle' });
		await page.getByRole('link', { name: 'Interventies beheren' }).click();
		await page.waitForURL('**/beheer/interventies');
		await expect(page.getByText('U beheert de interventies van uw focusgebied').count()).resolves.toBe(1);
		expect(await a11yViolations(page)).toEqual([]);

		await page.getByLabel('Titel', { exact: true }).fill(TITLE);
		await page.getByLabel('Gebied', { exact: true }).fill('nprz-bloemhof');
		await page.getByLabel('Thema', { exact: true }).selectOption('gezondheid');
		await page.getByLabel('Programma', { exact: true }).fill('NPRZ (test)');
		await page.getByLabel('Omschrijving (niet verplicht)').fill('Verzonnen voor de browsertest; geen echte interventie.');
		await page.getByLabel('Id', { exact: true }).fill(ID);
		await page.getByLabel('Startdatum').fill('2014-01-01');
		await page.getByLabel('Einddatum (niet verplicht)').fill('2013-06-30');
		await page.getByLabel("Budget in euro's (niet verplicht)").fill('125000');
		await page.getByRole('button', { name: 'Interventie opslaan' }).click();
		await page.waitForLoadState('networkidle');

		// Refused: the summary has the focus, the field says why, what was typed is kept, nothing was stored.
		const summary = page.locator('[data-error-summary]');
		await expect(summary.textContent()).resolves.toContain('eind 2013-06-30 ligt voor de start 2014-01-01');
		await expect.poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
		const end = page.getByLabel('Einddatum (niet verplicht)');
		await expect(end.getAttribute('aria-invalid')).resolves.toBe('true');
		await expect(end.inputValue()).resolves.toBe('2013-06-30');
		await expect(page.getByLabel('Titel', { exact: true }).inputValue()).resolves.toBe(TITLE);
		await expect(page.getByLabel('Thema', { exact: true }).inputValue()).resolves.toBe('gezondheid');
		await expect(page.locator(`tr[data-managed-intervention="${ID}"]`).count()).resolves.toBe(0);
		expect(await a11yViolations(page)).toEqual([]);

		await end.fill('2016-12-31');
		await page.getByRole('button', { name: 'Interventie opslaan' }).click();
		await page.waitForURL(`**/beheer/interventies?opgeslagen=${ID}`);
		const row = page.locator(`tr[data-managed-intervention="${ID}"]`);
		await expect(row.textContent()).resolves.toContain('2014-01-01 – 2016-12-31');
		await expect(row.textContent()).resolves.toMatch(/€\s?125\.000/);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		await context.close();

		// A visitor sees it at once (the stored page of before must not outlive the change), at 390 px.
		const visitor = await openPage(browser, '/gebied/nprz-bloemhof', { width: 390, height: 844 });
		const item = visitor.page.locator(`[data-interventions] li[data-intervention="${ID}"]`);
		await expect(item.textContent()).resolves.toContain(TITLE);
		await expect(item.textContent()).resolves.toMatch(/€\s?125\.000/);
		await expect(visitor.page.locator(`[data-timeline] rect[data-bar="${ID}"]`).count()).resolves.toBe(1);
		const band = visitor.page.locator(`#ind-obesitas_pct svg.plot g.intervention[data-intervention="${ID}"]`);
		await expect(band.count()).resolves.toBe(1);
		await expect(band.locator('title').textContent()).resolves.toContain(TITLE);
		await expect(visitor.page.locator(`#ind-obesitas_pct [data-intervention-list] li[data-intervention="${ID}"]`).textContent()).resolves.toContain(
			'2014-01-01 – 2016-12-31'
		);
		// Only on its own theme's charts.
		await expect(visitor.page.locator(`svg.plot g.intervention[data-intervention="${ID}"]`).count()).resolves.toBe(
			await visitor.page.locator(`section[data-theme="gezondheid"] svg.plot g.intervention[data-intervention="${ID}"]`).count()
		);
		expect(await a11yViolations(visitor.page)).toEqual([]);
		expect(await visitor.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

		// The switch hides the bands and says so in the URL; the timeline stays.
		const toggle = visitor.page.locator('[data-interventions-toggle]');
		await expect(toggle.getAttribute('aria-checked')).resolves.toBe('true');
		// By keyboard, as a switch: Space.
		await toggle.focus();
		await visitor.page.keyboard.press('Space');
		await visitor.page.waitForURL('**/gebied/nprz-bloemhof?interventies=uit*');
		await expect.poll(() => band.count()).toBe(0);
		await expect(visitor.page.locator('[data-interventions-toggle]').getAttribute('aria-checked')).resolves.toBe('false');
		await expect(item.count()).resolves.toBe(1);
		// A new choice of references keeps it off.
		await expect(visitor.page.locator('form.view input[type="hidden"][name="interventies"]').getAttribute('value')).resolves.toBe('uit');
		expect(visitor.errors).toEqual([]);
		await visitor.page.close();

		// In English once.
		const english = await openPage(browser, '/gebied/nprz-bloemhof?lang=en');
		await expect(english.page.locator('#h-interventions').textContent()).resolves.toBe('Interventions');
		await expect(english.page.locator('[data-interventions-toggle]').textContent()).resolves.toBe('Show interventions');
		await expect(english.page.locator('#ind-obesitas_pct .legend').textContent()).resolves.toContain('Interventions on the theme Health');
		await english.page.close();
		// The refused save answers 400, which Chromium reports on the console; nothing else went wrong.
		expect(errors).toEqual(['console: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
	});

	it('refuses a coordinator of another area (403) and does not list the intervention to them', async () => {
		const edit = {
			mode: 'update',
			id: ID,
			gebied: 'nprz-bloemhof',
			titel: 'Overgenomen',
			omschrijving: '',
			thema: 'gezondheid',
			programma: 'NPRZ (test)',
			start: '2014-01-01',
			eind: '',
			budget: '',
			link: ''
		};
		expect((await send(other, '/beheer/interventies?/save', edit)).status).toBe(403);
		expect((await send(other, '/beheer/interventies?/save', { ...edit, mode: 'create', id: 'e2e-elders' })).status).toBe(403);
		expect((await send(other, '/beheer/interventies?/delete', { id: ID })).status).toBe(403);
		const list = await send(other, '/beheer/interventies');
		expect(list.status).toBe(200);
		expect(list.body).not.toContain(ID);
		expect(list.body).toContain('Er zijn nog geen interventies die u mag wijzigen.');
		// Deleted by its own coordinator: gone from the area page.
		const del = await send(bloemhof, '/beheer/interventies?/delete', { id: ID });
		expect(del.status).toBe(303);
		const { page } = await openPage(browser, '/gebied/nprz-bloemhof');
		await expect(page.locator(`[data-interventions] li[data-intervention="${ID}"]`).count()).resolves.toBe(0);
		await page.close();
	});
});
