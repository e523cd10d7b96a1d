/**
 * Accounts for the browser tests: users made by an administrator over HTTP,
 * signed in from a loopback address of each test file's own (127.0.0.2 unless
 * the jar names another), so that the sign-in limit per address, which
 * tests/e2e/auth.test.ts uses up for 127.0.0.1, is not shared between files;
 * and their session handed to a browser context.
 */
import { request as httpRequest } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { baseUrl } from './browser';

export interface Answer {
	status: number;
	location: string | null;
	body: string;
}

/** Cookies of one user, as the server set them, and the loopback address the user's requests come from. */
export class Jar {
	readonly cookies = new Map<string, string>();
	constructor(readonly from = '127.0.0.2') {}
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

/** A form POST (or GET) from the jar's address, with the user's cookies; redirects are not followed. */
export function send(jar: Jar, path: string, form?: Record<string, string>): Promise<Answer> {
	const u = new URL(baseUrl! + path);
	const body = form ? new URLSearchParams(form).toString() : undefined;
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			{
				host: u.hostname,
				port: u.port,
				path: u.pathname + u.search,
				method: form ? 'POST' : 'GET',
				localAddress: jar.from,
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

export async function signIn(email: string, password: string, from?: string): Promise<Jar> {
	const jar = new Jar(from);
	const r = await send(jar, '/inloggen', { email, password });
	expect(r.status, `sign-in of ${email}`).toBe(303);
	return jar;
}

/** Signs in with the one-time password and chooses an own one, as every new user must. */
export async function firstSignIn(email: string, oneTime: string, from?: string): Promise<Jar> {
	const jar = await signIn(email, oneTime, from);
	const next = `eigen-wachtwoord-${email}`;
	const r = await send(jar, '/account?/password', { current: oneTime, next, repeat: next });
	expect(r.status).toBe(200);
	expect(r.body).toContain('Uw wachtwoord is gewijzigd.');
	return jar;
}

/** A new user with one role, made by an administrator on /beheer/gebruikers; gives the one-time password. */
export async function createUser(adminJar: Jar, email: string, role: string, scope: { gemeenteCode?: string; focusAreaId?: string }): Promise<string> {
	const r = await send(adminJar, '/beheer/gebruikers?/create', {
		email,
		name: email,
		role,
		gemeenteCode: scope.gemeenteCode ?? '',
		focusAreaId: scope.focusAreaId ?? ''
	});
	expect(r.status).toBe(200);
	const otp = r.body.match(/data-testid="one-time-password"[^>]*>([a-z2-9-]+)</)?.[1];
	expect(otp, r.body.match(/<main[\s\S]*?<\/main>/)?.[0] ?? r.body.slice(0, 2000)).toBeDefined();
	return otp!;
}

export async function browserAs(
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
