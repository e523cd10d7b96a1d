/**
 * A progress report from opening to publication, in Chromium against the
 * built app with the real data. A third administrator (made by `admin:create`
 * in the global set-up) creates Overvecht's coordinator, a monitor and a
 * wethouder of Utrecht (GM0344). The coordinator opens the report of the
 * current half-year, writes the commentary and submits; the wethouder sees the
 * draft, the public does not (page, PDF, CSV, list); the monitor approves and
 * publishes; the public page and the stored PDF show the same figures, and the
 * PDF and CSV served are the ones whose hashes the page shows. The commentary
 * in here is test text.
 */
import { createHash } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { periodOf } from '../../src/lib/reports/periods';
import { browserAs, createUser, firstSignIn, send, type Jar } from './accounts';
import { a11yViolations, baseUrl, hasBrowser, launch, openPage } from './browser';
import { pdfTextPerPage } from '../pdf-text';

const admin = inject('reportsAdmin');
/** This file's own loopback address for signing in (see accounts.ts). */
const FROM = '127.0.0.4';
const PERIOD = periodOf(new Date(), 'halfjaar').label;
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

describe.runIf(hasBrowser && admin)('progress reports', () => {
	let browser: Browser;
	let coordinator: Jar;
	let monitor: Jar;
	let wethouder: Jar;
	let reportUrl = '';

	beforeAll(async () => {
		browser = await launch();
		const adminJar = await firstSignIn(admin!.email, admin!.password, FROM);
		const users = [
			['coordinator-overvecht@example.org', 'coordinator', { focusAreaId: 'utrecht-overvecht' }],
			['monitor-utrecht@example.org', 'monitor', { gemeenteCode: 'GM0344' }],
			['wethouder-utrecht@example.org', 'wethouder', { gemeenteCode: 'GM0344' }]
		] as const;
		const jars: Jar[] = [];
		for (const [email, role, scope] of users) jars.push(await firstSignIn(email, await createUser(adminJar, email, role, scope), FROM));
		[coordinator, monitor, wethouder] = jars;
	});

	afterAll(async () => {
		await browser?.close();
	});

	it('the coordinator opens, writes and submits Overvecht’s report of this half-year', async () => {
		const { context, page, errors } = await browserAs(browser, coordinator);
		await page.goto(`${baseUrl}/rapporten`);
		await page.getByRole('link', { name: 'Rapportages' }).first().waitFor();
		// A coordinator can open a report for their own area only.
		await expect(page.locator('#r-gebied option').allTextContents()).resolves.toEqual([expect.stringContaining('Overvecht')]);
		await page.locator('#r-periode').selectOption(PERIOD);
		await page.getByRole('button', { name: 'Rapportage openen' }).click();
		await page.waitForURL(/\/rapporten\/\d+\?gedaan=open/);
		reportUrl = new URL(page.url()).pathname;
		await expect(page.locator('[data-done]').textContent()).resolves.toContain('De rapportage is geopend');
		await expect(page.locator('[data-status]').first().textContent()).resolves.toContain('Concept');
		expect(await page.locator('h1').textContent()).toBe('Voortgangsrapportage Utrecht Overvecht');

		// The commentary: Markdown becomes text and emphasis; HTML in it stays text.
		await page.locator('#r-toelichting').fill('Testtekst: de **eerste** helft van het jaar.\n\n- punt één\n- <script>alert(1)</script>');
		await page.getByRole('button', { name: 'Toelichting opslaan' }).click();
		await page.waitForURL(/gedaan=narrative/);
		await expect(page.locator('[data-narrative] strong').textContent()).resolves.toBe('eerste');
		await expect(page.locator('[data-narrative] li').nth(1).textContent()).resolves.toBe('<script>alert(1)</script>');
		await expect(page.locator('[data-narrative] script').count()).resolves.toBe(0);
		expect(await a11yViolations(page)).toEqual([]);

		await page.getByRole('button', { name: 'Indienen' }).click();
		await page.waitForURL(/gedaan=indienen/);
		await expect(page.locator('[data-status]').first().textContent()).resolves.toContain('Ingediend');
		// Submitted: the commentary is no longer editable, and there is no step left for the coordinator.
		await expect(page.locator('#r-toelichting').count()).resolves.toBe(0);
		await expect(page.locator('[data-step]').count()).resolves.toBe(0);
		expect(errors).toEqual([]);
		await context.close();
	});

	it('shows the draft to Utrecht’s wethouder, and to the public not at all', async () => {
		const w = await browserAs(browser, wethouder);
		await w.page.goto(baseUrl + reportUrl);
		await expect(w.page.locator('[data-status]').first().textContent()).resolves.toContain('Ingediend');
		await expect(w.page.locator('[data-step]').count()).resolves.toBe(0);
		await w.context.close();

		for (const path of [reportUrl, `${reportUrl}/pdf`, `${reportUrl}/csv`, `${reportUrl}/verschil`]) {
			const r = await fetch(baseUrl + path);
			expect(r.status, path).toBe(404);
		}
		const anon = await openPage(browser, '/rapporten');
		await expect(anon.page.locator(`a[href="${reportUrl}"]`).count()).resolves.toBe(0);
		await anon.page.close();
		// Nor through a step: a refused publication changes nothing.
		const r = await send(wethouder, `${reportUrl}?/publiceren`, { bevestigd: 'ja' });
		expect(r.status).toBe(403);
	});

	it('the monitor approves and publishes; the public page, its PDF and its CSV show the same figures, with the hashes the page names', async () => {
		const { context, page, errors } = await browserAs(browser, monitor);
		await page.goto(baseUrl + reportUrl);
		await page.getByRole('button', { name: 'Goedkeuren' }).click();
		await page.waitForURL(/gedaan=goedkeuren/);
		await page.getByRole('button', { name: 'Publiceren' }).click();
		await page.waitForURL(/gedaan=publiceren/, { timeout: 60_000 });
		await expect(page.locator('[data-status]').first().textContent()).resolves.toContain('Gepubliceerd');
		expect(errors).toEqual([]);
		await context.close();

		const pub = await openPage(browser, reportUrl);
		const figures = (await pub.page.locator('.scorecard tr[data-indicator] td.value').allTextContents()).map((x) => x.replace(/\*/g, '').trim());
		expect(figures.length).toBeGreaterThan(3);
		const pdfHash = (await pub.page.locator('[data-pdf-hash]').textContent())!.trim();
		const csvHash = (await pub.page.locator('[data-csv-hash]').textContent())!.trim();
		expect(await a11yViolations(pub.page)).toEqual([]);
		expect(pub.errors).toEqual([]);
		await pub.page.close();

		const pdf = new Uint8Array(await (await fetch(`${baseUrl}${reportUrl}/pdf`)).arrayBuffer());
		expect(sha256(pdf)).toBe(pdfHash);
		// Bytes, not text: decoding as text would drop the byte-order mark Excel needs.
		const csv = new Uint8Array(await (await fetch(`${baseUrl}${reportUrl}/csv`)).arrayBuffer());
		expect(sha256(csv)).toBe(csvHash);
		const pages = await pdfTextPerPage(pdf);
		const text = pages.join('\n');
		for (const f of figures) expect(text, f).toContain(f.replace(/\s+/g, ' ').split(' ')[0]);
		pages.forEach((p, i) => {
			expect(p).toContain('Overvecht');
			expect(p).toContain(`Pagina ${i + 1} van ${pages.length}`);
		});
		expect(text).toContain('Testtekst: de eerste helft van het jaar.');
		// A published report offers no step and refuses one sent anyway.
		const again = await send(monitor, `${reportUrl}?/terugsturen`, { bevestigd: 'ja' });
		expect(again.status).toBe(409);
	});

	it('lists the published report for everyone, in English too, and reflows at 390 px', async () => {
		const { page, errors } = await openPage(browser, '/rapporten?lang=en', { width: 390, height: 800 });
		await expect(page.locator('h1').textContent()).resolves.toBe('Progress reports');
		await expect(page.locator(`a[href="${reportUrl}"]`).textContent()).resolves.toBe('Utrecht Overvecht');
		await page.goto(baseUrl + reportUrl);
		await expect(page.locator('h1').textContent()).resolves.toBe('Progress report Utrecht Overvecht');
		expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
		await page.goto(`${baseUrl}/rapporten?lang=nl`);
		await page.close();
	});

	it('a correction is a new version that names the one it replaces, and says what changed since it', async () => {
		const { context, page, errors } = await browserAs(browser, coordinator);
		await page.goto(baseUrl + reportUrl);
		await page.getByRole('button', { name: 'Correctie maken (nieuwe versie)' }).click();
		await page.waitForURL(/gedaan=correct/);
		const v2 = new URL(page.url()).pathname;
		expect(v2).not.toBe(reportUrl);
		await expect(page.locator('[data-status]').first().textContent()).resolves.toContain('Concept');
		await expect(page.locator(`a[href="${reportUrl}"]`).first().textContent()).resolves.toBe('versie 1');
		await page.locator('[data-diff-link]').click();
		await page.waitForURL(/verschil\?met=/);
		// The same data package: no latest figure moved between the two snapshots.
		await expect(page.locator('[data-diff-between]').textContent()).resolves.toContain('versie 1');
		await expect(page.getByText('Geen enkel laatste cijfer is veranderd.').count()).resolves.toBe(1);
		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
		await context.close();
		// The published version is still what the public sees; the new draft is not there for them.
		expect((await fetch(baseUrl + reportUrl)).status).toBe(200);
		expect((await fetch(baseUrl + v2)).status).toBe(404);
	});
});
