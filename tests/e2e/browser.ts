/**
 * A real Chromium for the browser tests, and a page that records what a user
 * would suffer: page errors, console errors, failed requests and any request to
 * a host other than the app (the app must work offline).
 */
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const baseUrl = inject('baseUrl');
export const hasBrowser = Boolean(baseUrl && inject('chromiumPath'));

export function launch(): Promise<Browser> {
	return chromium.launch({
		executablePath: inject('chromiumPath')!,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--enable-unsafe-swiftshader',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
			'--disable-quic'
		]
	});
}

export interface WatchedPage {
	page: Page;
	errors: string[];
	foreignRequests: string[];
}

export async function openPage(browser: Browser, path: string, viewport = { width: 1280, height: 900 }): Promise<WatchedPage> {
	const page = await browser.newPage({ viewport });
	const errors: string[] = [];
	const foreignRequests: string[] = [];
	const origin = new URL(baseUrl!).origin;
	page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(`console: ${m.text()}`);
	});
	page.on('request', (r) => {
		const u = r.url();
		if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) foreignRequests.push(u);
	});
	page.on('response', (r) => {
		if (r.status() >= 500) errors.push(`HTTP ${r.status()} ${r.url()}`);
	});
	await page.goto(baseUrl + path, { waitUntil: 'networkidle' });
	return { page, errors, foreignRequests };
}

/** One accessibility problem axe-core found, in a line a reader can act on. */
export interface A11yViolation {
	id: string;
	impact: string | null;
	help: string;
	targets: string[];
}

/**
 * Serious and critical WCAG 2.1 A/AA violations on the page as it is now,
 * found by axe-core (evaluated through the devtools protocol, which the
 * page's Content-Security-Policy does not apply to).
 */
export async function a11yViolations(page: Page): Promise<A11yViolation[]> {
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
	const found = await page.evaluate(async () => {
		const r = await (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
		return r.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
	});
	return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
