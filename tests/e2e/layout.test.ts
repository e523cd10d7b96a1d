/**
 * The page frame in Chromium on the real data: reflow on a phone (WCAG 1.4.10,
 * no sideways scrolling of the page at 320 CSS px; wide tables scroll in their
 * own focusable, labelled box), the language switch that keeps the reader's
 * place, the indicator chooser's summary, and the loading cue of slow
 * navigations. Every page tested is also checked with axe-core.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { a11yViolations, baseUrl, hasBrowser, launch, openPage } from './browser';

const PAGES = [
	'/',
	'/kaart',
	'/gebied/rotterdam-zuid',
	'/gebied/rotterdam-zuid?thema=alle',
	'/gebied/WK059910',
	'/gebied/BU05991081',
	'/over',
	'/vergelijk?set=nprz',
	'/voortgang'
];

/** How far the page reaches beyond the window, and the tables that overflow without a scroll box of their own. */
async function reflow(page: Page) {
	return page.evaluate(() => {
		const unboxed = [...document.querySelectorAll('main table')]
			.filter((table) => {
				const box = table.parentElement!;
				return table.getBoundingClientRect().width > box.clientWidth + 1;
			})
			.filter((table) => {
				const box = table.parentElement!;
				const style = getComputedStyle(box);
				const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll';
				const named = Boolean(box.getAttribute('aria-label') || box.getAttribute('aria-labelledby'));
				return !(scrolls && box.tabIndex === 0 && box.getAttribute('role') === 'region' && named);
			})
			.map((table) => table.outerHTML.slice(0, 80));
		return {
			overflow: document.documentElement.scrollWidth - window.innerWidth,
			// Hiding the overflow of the page would cut content off instead of reflowing it.
			clipped: [getComputedStyle(document.documentElement).overflowX, getComputedStyle(document.body).overflowX].filter((o) => o !== 'visible'),
			unboxed
		};
	});
}

describe.runIf(hasBrowser)('page frame in Chromium, on the real data', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launch();
	});
	afterAll(() => browser?.close());

	const cases = PAGES.flatMap((p) => ['nl', 'en'].map((lang) => ({ p, lang, url: lang === 'en' ? `${p}${p.includes('?') ? '&' : '?'}lang=en` : p })));
	it.each(cases)('$url reflows at 320 and 390 px without sideways scrolling', async ({ url }) => {
		const { page, errors } = await openPage(browser, url, { width: 320, height: 720 });
		const dir = path.resolve(import.meta.dirname, '../../screenshots');
		mkdirSync(dir, { recursive: true });
		try {
			expect(await reflow(page)).toEqual({ overflow: 0, clipped: [], unboxed: [] });
			await page.setViewportSize({ width: 390, height: 844 });
			await page.waitForTimeout(200);
			expect(await reflow(page)).toEqual({ overflow: 0, clipped: [], unboxed: [] });
			expect(await a11yViolations(page)).toEqual([]);
			expect(errors).toEqual([]);
		} finally {
			const name = url.replace(/^\//, '').replace(/[^a-z0-9]+/gi, '-') || 'overzicht';
			await page.screenshot({ path: path.join(dir, `phone-${name}.png`), fullPage: true });
			await page.close();
		}
	});

	it('switches language on the same page, query and place', async () => {
		const { page, errors } = await openPage(browser, '/gebied/rotterdam-zuid?thema=alle&ref=stad,nl', { width: 1280, height: 900 });
		const target = page.locator('#thema-veiligheid');
		await target.scrollIntoViewIfNeeded();
		await page.evaluate(() => window.scrollBy(0, -300));
		const before = await page.evaluate(() => window.scrollY);
		expect(before).toBeGreaterThan(1000);
		const offsetBefore = await target.evaluate((e) => e.getBoundingClientRect().top);
		// The switch sits in the header: a keyboard user reaches it with Tab from the skip link.
		await page.evaluate(() => (document.querySelector('a.lang') as HTMLElement).focus({ preventScroll: true }));
		await Promise.all([page.waitForURL(/lang=en/), page.keyboard.press('Enter')]);
		await page.waitForLoadState('networkidle');
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		const url = new URL(page.url());
		expect(url.pathname).toBe('/gebied/rotterdam-zuid');
		expect(url.searchParams.get('thema')).toBe('alle');
		expect(url.searchParams.get('ref')).toBe('stad,nl');
		// The same section is where it was on the screen (within a line or two: English texts are a little shorter or longer).
		const offsetAfter = await page.locator('#thema-veiligheid').evaluate((e) => e.getBoundingClientRect().top);
		expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
		expect(Math.abs(offsetAfter - offsetBefore)).toBeLessThan(60);
		// A link to a part of the page keeps that part.
		await page.goto(`${baseUrl}/over#bronnen`, { waitUntil: 'networkidle' });
		expect(await page.locator('a.lang').getAttribute('href')).toMatch(/^\/over\?lang=nl#bronnen$/);
		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
		await page.close();
	});

	it('says plainly that every indicator is shown while none is ticked, and how many are ticked otherwise', async () => {
		const { page, errors } = await openPage(browser, '/gebied/rotterdam-zuid');
		const boxes = page.locator('details.indicators input[type=checkbox][name=ind]');
		const total = await boxes.count();
		expect(total).toBeGreaterThan(20);
		expect(await page.locator('details.indicators input[name=ind]:checked').count()).toBe(0);
		await expect(page.locator('details.indicators summary').textContent()).resolves.toBe(`Kies indicatoren (alle ${total} getoond)`);
		await page.locator('details.indicators summary').click();
		expect(await a11yViolations(page)).toEqual([]);

		await page.goto(`${baseUrl}/gebied/rotterdam-zuid?ind=obesitas_pct,roker_pct&lang=en`, { waitUntil: 'networkidle' });
		expect(await page.locator('details.indicators input[name=ind]:checked').count()).toBe(2);
		await expect(page.locator('details.indicators summary').textContent()).resolves.toBe(`Choose indicators (2 of ${total} shown)`);
		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
		await page.close();
	});

	it('shows a polite loading cue while an area page takes long to load, and removes it when the page is there', async () => {
		const { page, errors } = await openPage(browser, '/');
		const status = page.locator('[data-loading]');
		expect(await status.getAttribute('role')).toBe('status');
		expect((await status.textContent())?.trim()).toBe('');
		// The area page's data answers 1.5 s late, as on a busy server.
		await page.route('**/gebied/**/__data.json*', async (route) => {
			await new Promise((r) => setTimeout(r, 1500));
			await route.continue();
		});
		const link = page.getByRole('link', { name: 'Bloemhof' }).first();
		const started = Date.now();
		await link.click();
		await page.waitForFunction(() => document.querySelector('[data-loading]')?.textContent?.trim() === 'Pagina wordt geladen…', undefined, { timeout: 1400 });
		// Not at once: a fast navigation shows no flash of it.
		expect(Date.now() - started).toBeGreaterThanOrEqual(250);
		expect(await page.locator('main').getAttribute('aria-busy')).toBe('true');
		expect(await a11yViolations(page)).toEqual([]);
		await page.waitForURL('**/gebied/**');
		await expect(page.locator('h1').textContent()).resolves.toContain('Bloemhof');
		expect((await status.textContent())?.trim()).toBe('');
		expect(await page.locator('main').getAttribute('aria-busy')).toBeNull();
		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
		await page.close();
	});
});
