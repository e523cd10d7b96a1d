/**
 * Accounts in Chromium against the built app: the first administrator (made by
 * `npm run admin:create` in the global setup) signs in with the one-time
 * password, chooses their own, creates a coordinator and signs out; the
 * coordinator sees the edit entry only on their own focus area. Plus the
 * response headers, the CSV link's origin, SvelteKit's CSRF check, and the
 * sign-in limit (last: it locks this address out for a while).
 * The users are synthetic, made through the app itself.
 */
import { request as httpRequest } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { a11yViolations, baseUrl, hasBrowser, launch, openPage } from './browser';

const admin = inject('admin');

async function signIn(page: Page, email: string, password: string) {
	await page.goto(baseUrl + '/inloggen', { waitUntil: 'networkidle' });
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await page.waitForURL('**/account');
}

async function choosePassword(page: Page, current: string, next: string) {
	await page.getByLabel('Huidig (of eenmalig) wachtwoord').fill(current);
	await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(next);
	await page.getByLabel('Nieuw wachtwoord nogmaals').fill(next);
	await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
	await page.getByText('Uw wachtwoord is gewijzigd.').waitFor();
}

/** A raw GET with a Host header of our choosing (fetch does not allow one). */
function getWithHost(path: string, host: string): Promise<{ status: number; body: string }> {
	const u = new URL(baseUrl! + path);
	return new Promise((resolve, reject) => {
		const req = httpRequest({ host: u.hostname, port: u.port, path: u.pathname + u.search, headers: { host } }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (d) => (body += d));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
		});
		req.on('error', reject);
		req.end();
	});
}

describe.runIf(hasBrowser && admin)('accounts in Chromium', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launch();
	});
	afterAll(() => browser?.close());

	it('sends the security headers on pages and data, and no version banner', async () => {
		for (const path of ['/', '/api/waarden?indicator=obesitas_pct&level=gemeente', '/gebied/nprz-bloemhof/csv', '/bestaat-niet']) {
			const res = await fetch(baseUrl + path);
			const h = res.headers;
			expect(h.get('x-content-type-options'), path).toBe('nosniff');
			expect(h.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
			expect(h.get('content-security-policy'), path).toMatch(/frame-ancestors 'none'/);
			expect(h.get('x-powered-by'), path).toBeNull();
			expect(h.get('server'), path).toBeNull();
		}
	});

	it('puts the configured origin in the CSV, not the Host header', async () => {
		const { status, body } = await getWithHost('/gebied/nprz-bloemhof/csv', 'evil.example');
		expect(status).toBe(200);
		expect(body).not.toContain('evil.example');
		expect(body).toContain(`${baseUrl}/gebied/nprz-bloemhof`);
	});

	it('keeps the language cookie over plain http (no Secure flag)', async () => {
		const res = await fetch(baseUrl + '/over?lang=en', { redirect: 'manual' });
		const cookie = res.headers.getSetCookie().find((c) => c.startsWith('lang='));
		expect(cookie).toBeDefined();
		expect(cookie).not.toMatch(/;\s*secure/i);
	});

	it('refuses a sign-in form posted from another site (CSRF)', async () => {
		const res = await fetch(baseUrl + '/inloggen', {
			method: 'POST',
			headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ email: admin!.email, password: admin!.password }),
			redirect: 'manual'
		});
		expect(res.status).toBe(403);
	});

	it('admin signs in with the one-time password, chooses a password, creates a coordinator and signs out; the coordinator sees only their own edit entry', async () => {
		const { page, errors } = await openPage(browser, '/');
		await expect(page.getByRole('link', { name: 'Inloggen' }).count()).resolves.toBe(1);
		// A protected page sends a visitor to sign in.
		await page.goto(baseUrl + '/beheer/gebruikers', { waitUntil: 'networkidle' });
		expect(new URL(page.url()).pathname).toBe('/inloggen');

		expect(await a11yViolations(page)).toEqual([]);
		await signIn(page, admin!.email, admin!.password);
		await page.getByText('U bent ingelogd met een eenmalig wachtwoord.').waitFor();
		expect(await a11yViolations(page)).toEqual([]);
		// Until the password is changed, nothing else opens.
		await page.goto(baseUrl + '/beheer/gebruikers', { waitUntil: 'networkidle' });
		expect(new URL(page.url()).pathname).toBe('/account');
		await choosePassword(page, admin!.password, 'beheerder-wachtwoord-e2e');

		await page.getByRole('link', { name: 'Gebruikers' }).click();
		await page.waitForURL('**/beheer/gebruikers');
		await page.getByLabel('E-mailadres').fill('coordinator-bloemhof@example.org');
		await page.getByLabel('Naam').fill('Coördinator Bloemhof');
		await page.getByLabel('Eerste rol (optioneel)').selectOption('coordinator');
		await page.getByLabel('Focusgebied', { exact: true }).selectOption('nprz-bloemhof');
		await page.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
		const otp = (await page.getByTestId('one-time-password').textContent())!.trim();
		expect(await a11yViolations(page)).toEqual([]);
		expect(otp).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
		await expect(page.locator('tbody tr', { hasText: 'coordinator-bloemhof@example.org' }).textContent()).resolves.toContain(
			'Coördinator (Bloemhof (NPRZ focuswijk))'
		);
		// The audit log shows the creation.
		await page.getByRole('link', { name: 'Audit-log' }).click();
		await page.waitForURL('**/beheer/audit');
		await expect(page.locator('table').textContent()).resolves.toContain('gebruiker.aanmaken');
		expect(await a11yViolations(page)).toEqual([]);
		await page.getByRole('button', { name: 'Uitloggen' }).click();
		await page.waitForURL(baseUrl + '/');
		await expect(page.getByRole('link', { name: 'Inloggen' }).count()).resolves.toBe(1);

		await signIn(page, 'coordinator-bloemhof@example.org', otp);
		await choosePassword(page, otp, 'coordinator-wachtwoord-e2e');
		await expect(page.getByRole('link', { name: 'Gebruikers' }).count()).resolves.toBe(0);
		await page.goto(baseUrl + '/gebied/nprz-bloemhof', { waitUntil: 'networkidle' });
		await expect(page.getByRole('link', { name: /^Bewerken/ }).count()).resolves.toBe(1);
		await page.goto(baseUrl + '/gebied/nprz-afrikaanderwijk', { waitUntil: 'networkidle' });
		await expect(page.getByRole('link', { name: /^Bewerken/ }).count()).resolves.toBe(0);
		// The coordinator has no user management: refused by the server, not only hidden.
		const res = await page.request.get(baseUrl + '/beheer/gebruikers', { maxRedirects: 0 });
		expect(res.status()).toBe(403);
		// Nor through the data a client-side navigation loads.
		const data = await page.request.get(baseUrl + '/beheer/gebruikers/__data.json', { maxRedirects: 0 });
		expect(data.status()).toBe(403);
		expect(await data.text()).not.toContain('coordinator-bloemhof@example.org');
		expect(errors).toEqual([]);
		await page.close();
	});

	it('slows wrong passwords and then refuses sign-in for a while (429)', async () => {
		const statuses: number[] = [];
		const started = Date.now();
		for (let i = 0; i < 11; i++) {
			const res = await fetch(baseUrl + '/inloggen', {
				method: 'POST',
				headers: { origin: baseUrl!, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'x-sveltekit-action': 'true' },
				body: new URLSearchParams({ email: admin!.email, password: `fout-${i}` })
			});
			statuses.push(((await res.json()) as { status: number }).status);
		}
		// The earlier sign-ins of this file count too (same address): the refusal comes at the latest on the eleventh try.
		expect(statuses).toContain(429);
		expect(statuses.slice(statuses.indexOf(429)).every((s) => s === 429)).toBe(true);
		expect(statuses.slice(0, statuses.indexOf(429)).every((s) => s === 400)).toBe(true);
		// Each wrong password before the refusal waited about a second.
		expect(Date.now() - started).toBeGreaterThanOrEqual(statuses.indexOf(429) * 900);
	});
});
