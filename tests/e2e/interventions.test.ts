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
import { request as httpRequest } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { a11yViolations, baseUrl, hasBrowser, launch, openPage } from './browser';

const admin = inject('interventionsAdmin');
const TITLE = 'Testinterventie gezondheid Bloemhof';
const ID = 'e2e-testinterventie-bloemhof';

interface Answer {
	status: number;
	location: string | null;
	body: string;
}

/** Cookies of one user, as the server set them. */
class Jar {
	readonly cookies = new Map<string, string>();
	header(): string {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}
	take(setCookie: string[] | undefined) {
		for (const line of setCookie ?? []) {
			const [pair, ...attrs] = line.split(';');
			const i = pair.indexOf('=');
			const name = pair.slice(0, i).trim();
			const value = pair.slice(i + 1).trim();
			if (!value || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a))) this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}
}

/** A form POST (or GET) from 127.0.0.3, with the user's cookies; redirects are not followed. */
function send(jar: Jar, path: string, form?: Record<string, string>): Promise<Answer> {
	const u = new URL(baseUrl! + path);
	const body = form ? new URLSearchParams(form).toString() : undefined;
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			{
				host: u.hostname,
				port: u.port,
				path: u.pathname + u.search,
				method: form ? 'POST' : 'GET',
				localAddress: '127.0.0.3',
				headers: {
					origin: u.origin,
					accept: 'text/html',
					...(jar.cookies.size ? { cookie: jar.header() } : {}),
					...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {})
				}
			},
			(res) => {
				jar.take(res.headers['set-cookie']);
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (d) => (text += d));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? null, body: text }));
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

async function signIn(email: string, password: string): Promise<Jar> {
	const jar = new Jar();
	const r = await send(jar, '/inloggen', { email, password });
	expect(r.status, `sign-in of ${email}`).toBe(303);
	return jar;
}

/** Signs in with the one-time password and chooses an own one, as every new user must. */
async function firstSignIn(email: string, oneTime: string): Promise<Jar> {
	const jar = await signIn(email, oneTime);
	const next = `eigen-wachtwoord-${email}`;
	const r = await send(jar, '/account?/password', { current: oneTime, next, repeat: next });
	expect(r.status).toBe(200);
	return jar;
}

async function createCoordinator(adminJar: Jar, email: string, focusAreaId: string): Promise<string> {
	const r = await send(adminJar, '/beheer/gebruikers?/create', { email, name: email, role: 'coordinator', gemeenteCode: '', focusAreaId });
	expect(r.status).toBe(200);
	const otp = r.body.match(/data-testid="one-time-password"[^>]*>([a-z2-9-]+)</)?.[1];
	expect(otp, r.body.match(/<main[\s\S]*?<\/main>/)?.[0] ?? r.body.slice(0, 2000)).toBeDefined();
	return otp!;
}

async function browserAs(
	browser: Browser,
	jar: Jar,
	viewport = { width: 1280, height: 900 }
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
	const context = await browser.newContext({ viewport });
	await context.addCookies([...jar.cookies].map(([name, value]) => ({ name, value, url: baseUrl! })));
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(`console: ${m.text()}`);
	});
	page.on('response', (r) => {
		if (r.status() >= 500) errors.push(`HTTP ${r.status()} ${r.url()}`);
	});
	return { context, page, errors };
}

describe.runIf(hasBrowser && admin)('interventions managed by coordinators', () => {
	let browser: Browser;
	let bloemhof: Jar;
	let other: Jar;

	beforeAll(async () => {
		browser = await launch();
		const adminJar = await firstSignIn(admin!.email, admin!.password);
		const bloemhofOtp = await createCoordinator(adminJar, 'coordinator-bloemhof@example.org', 'nprz-bloemhof');
		const otherOtp = await createCoordinator(adminJar, 'coordinator-nieuw-west@example.org', 'amsterdam-nieuw-west');
		bloemhof = await firstSignIn('coordinator-bloemhof@example.org', bloemhofOtp);
		other = await firstSignIn('coordinator-nieuw-west@example.org', otherOtp);
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
		await toggle.click();
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
