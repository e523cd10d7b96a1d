/**
 * A real Chromium for the browser tests, and a page that records what a user
 * would suffer: page errors, console errors, failed requests and any request to
 * a host other than the app (the app must work offline).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's rule violations of impact serious or critical on the page as it
 * stands, as "rule: target" lines. axe is evaluated through the debugging
 * protocol: the app's Content Security Policy rightly refuses an injected script tag.
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
	await page.evaluate(axeSource);
	const violations = await page.evaluate(async () => {
		const axe = (
			window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }
		).axe;
		const result = await axe.run(document);
		return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => String(n.target.join(' '))) }));
	});
	return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.targets.map((t) => `${v.id}: ${t}`));
}
