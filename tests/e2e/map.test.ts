/**
 * The map explorer in real Chromium on the real data: Rotterdam's buurten
 * coloured by obesity with Bloemhof outlined, recoloured for crime without a
 * single new tile request, several fill colours on screen, no page errors,
 * nothing fetched from another host; every level drawn within seconds of
 * choosing it; the wheel scrolling the page (Ctrl + wheel zooming the map);
 * "show on the map" from the table on a phone; Back and Forward through the
 * choices; the side panel, the table and the tile route over HTTP.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coloursCovering, coloursOnScreen } from '../../scripts/map-colours';
import { a11yViolations, baseUrl, hasBrowser, launch, openPage } from './browser';

const ROTTERDAM_OBESITY = '/kaart?gemeente=GM0599&indicator=obesitas_pct&periode=2020';

async function mapReady(page: Page, figures: string) {
	await page.waitForSelector(`.map[data-status="idle"][data-figures^="${figures}"]`, { timeout: 60_000 });
}

/** Pixels per legend colour in a screenshot of the map. */
const coloursOf = async (page: Page) => (await coloursOnScreen(page)).counts;

/** The camera in the URL (written when the map has moved). */
function cameraOf(page: Page): { center: [number, number]; zoom: number } | null {
	const sp = new URL(page.url()).searchParams;
	const c = sp.get('centrum')?.split(',').map(Number);
	return c && sp.has('zoom') ? { center: [c[0], c[1]], zoom: Number(sp.get('zoom')) } : null;
}

/** Whether a box [west, south, east, north] lies inside a map of `size` pixels with this camera (Web Mercator, 512 px tiles). */
function inView(camera: { center: [number, number]; zoom: number }, size: { width: number; height: number }, box: number[]): boolean {
	const world = 512 * 2 ** camera.zoom;
	const x = (lon: number) => ((lon + 180) / 360) * world;
	const y = (lat: number) => ((1 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI) / 2) * world;
	const [cx, cy] = [x(camera.center[0]), y(camera.center[1])];
	return x(box[0]) >= cx - size.width / 2 && x(box[2]) <= cx + size.width / 2 && y(box[3]) >= cy - size.height / 2 && y(box[1]) <= cy + size.height / 2;
}

/**
 * Milliseconds from `since` until at least three colours of the legend on
 * screen each cover 0.5 % of the map; fails after `within` ms.
 */
async function colouredWithin(page: Page, since: number, within: number): Promise<number> {
	let shot = await coloursOnScreen(page);
	while (coloursCovering(shot, 0.005) < 3) {
		if (Date.now() - since > within) throw new Error(`no choropleth ${within} ms after the change: ${JSON.stringify(shot.counts)}`);
		await page.waitForTimeout(250);
		shot = await coloursOnScreen(page);
	}
	return Date.now() - since;
}

describe.runIf(hasBrowser)('map explorer in Chromium, on the real data', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launch();
	});
	afterAll(() => browser?.close());

	it('colours Rotterdam’s buurten by obesity 2020, outlines Bloemhof, and recolours for crime without new tiles', async () => {
		const { page, errors, foreignRequests } = await openPage(browser, ROTTERDAM_OBESITY);
		await mapReady(page, 'obesitas_pct|buurt|2020|GM0599');
		const map = page.locator('.map');
		expect((await map.getAttribute('data-outlined'))?.split(',')).toContain('nprz-bloemhof');
		expect(Number(await map.getAttribute('data-filled'))).toBeGreaterThan(40);
		await expect(page.locator('.legend figcaption').textContent()).resolves.toContain('Ernstig overgewicht (obesitas)');

		const before = await coloursOf(page);
		const shown = Object.values(before).filter((n) => n > 150);
		expect(shown.length).toBeGreaterThanOrEqual(4);

		const tiles: string[] = [];
		page.on('request', (r) => {
			if (r.url().includes('/tiles/')) tiles.push(r.url());
		});
		await page.selectOption('select[name=indicator]', 'misdrijven_per_1000');
		await mapReady(page, 'misdrijven_per_1000|buurt|2024|GM0599');
		expect(tiles).toEqual([]);
		expect(page.url()).toContain('indicator=misdrijven_per_1000');
		await expect(page.locator('.legend figcaption').textContent()).resolves.toContain('misdrijven');
		const after = await coloursOf(page);
		expect(Object.values(after).filter((n) => n > 150).length).toBeGreaterThanOrEqual(4);
		// Same palette (both: lower is better), other areas in each class.
		const moved = Object.keys(before).filter((c) => Math.abs((after[c] ?? 0) - before[c]) > 500);
		expect(moved.length).toBeGreaterThanOrEqual(2);

		// The listener does see tile requests: another level is another tile set.
		await page.selectOption('select[name=niveau]', 'wijk');
		await mapReady(page, 'misdrijven_per_1000|wijk|2024|GM0599');
		expect(tiles.length).toBeGreaterThan(0);
		expect(tiles.every((u) => u.includes('/tiles/wijk/'))).toBe(true);

		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
		expect(foreignRequests).toEqual([]);
	});

	it('draws the new level within seconds after each change of "Niveau", not the old shapes without figures', async () => {
		const { page, errors } = await openPage(browser, ROTTERDAM_OBESITY);
		await mapReady(page, 'obesitas_pct|buurt|2020|GM0599');
		await colouredWithin(page, Date.now(), 5_000);
		const caption = page.locator('table caption');
		for (const [level, one] of [
			['wijk', 'wijk'],
			['gemeente', 'gemeente'],
			['buurt', 'buurt'],
			['gemeente', 'gemeente'],
			['wijk', 'wijk']
		] as const) {
			const since = Date.now();
			await page.locator('select[name=niveau]').selectOption(level);
			// Legend and table follow at once; the map must follow them within seconds.
			await expect.poll(() => caption.textContent(), { timeout: 30_000 }).toContain(`per ${one}`);
			await colouredWithin(page, since, 6_000);
			// Buurten are the default level in a gemeente: not in the URL.
			await expect.poll(() => new URL(page.url()).searchParams.get('niveau')).toBe(level === 'buurt' ? null : level);
		}
		expect(errors).toEqual([]);
	});

	it('scrolls the page under a plain mouse wheel, says in Dutch how to zoom, and zooms the map with Ctrl + wheel', async () => {
		const { page, errors } = await openPage(browser, ROTTERDAM_OBESITY + '&centrum=4.48,51.91&zoom=11');
		await mapReady(page, 'obesitas_pct|buurt|2020|GM0599');
		const map = page.locator('.map');
		const middle = async () => {
			const b = (await map.boundingBox())!;
			await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
		};
		const scrollY = () => page.evaluate(() => window.scrollY);
		expect(await scrollY()).toBe(0);

		// The notice shows for a moment only: record that it did.
		const notice = map.locator('.maplibregl-cooperative-gesture-screen');
		await notice.evaluate((el: HTMLElement) => {
			new MutationObserver(() => {
				if (el.classList.contains('maplibregl-show')) el.dataset.shown = 'yes';
			}).observe(el, { attributes: true, attributeFilter: ['class'] });
		});
		await middle();
		await page.mouse.wheel(0, 300);
		await expect.poll(scrollY).toBeGreaterThan(100);
		await expect.poll(() => notice.getAttribute('data-shown')).toBe('yes');
		await expect(notice.locator('.maplibregl-desktop-message').textContent()).resolves.toBe('Houd Ctrl ingedrukt en scroll om de kaart te zoomen');
		await expect(notice.locator('.maplibregl-mobile-message').textContent()).resolves.toBe('Gebruik twee vingers om de kaart te verschuiven');
		await page.waitForTimeout(1000);
		expect(cameraOf(page)?.zoom).toBe(11);

		const y = await scrollY();
		await middle();
		await page.keyboard.down('Control');
		await page.mouse.wheel(0, -300);
		await page.keyboard.up('Control');
		await expect.poll(() => cameraOf(page)?.zoom ?? 0, { timeout: 10_000 }).toBeGreaterThan(11.2);
		expect(await scrollY()).toBe(y);
		expect(errors).toEqual([]);
	});

	it('shows an area from the table on the map at 390 px: the map scrolls into view and moves to the area', async () => {
		const viewport = { width: 390, height: 844 };
		const { page, errors } = await openPage(browser, ROTTERDAM_OBESITY + '&centrum=4.50,51.895&zoom=13', viewport);
		await mapReady(page, 'obesitas_pct|buurt|2020|GM0599');
		const map = page.locator('.map');
		// Pernis, [west, south, east, north] from the data package's buurten: far west of Bloemhof, off the map.
		const pernis = [4.37842, 51.87824, 4.39908, 51.89512];
		const size = (await map.boundingBox())!;
		expect(inView(cameraOf(page)!, size, pernis)).toBe(false);

		const row = page.locator('tbody tr', { has: page.getByRole('link', { name: 'Pernis', exact: true }) });
		await row.scrollIntoViewIfNeeded();
		expect((await map.boundingBox())!.y + size.height).toBeLessThan(0);
		await row.getByRole('button', { name: 'Toon op de kaart: Pernis' }).click();

		// The whole map on screen (a smooth scroll over the long table takes over a second) …
		await expect
			.poll(async () => {
				const b = (await map.boundingBox())!;
				return b.y >= -1 && b.y + b.height <= viewport.height + 1;
			})
			.toBe(true);
		// … showing all of Pernis, closer than the whole city.
		await expect.poll(() => inView(cameraOf(page)!, size, pernis), { timeout: 15_000 }).toBe(true);
		await expect.poll(() => cameraOf(page)!.zoom, { timeout: 15_000 }).toBeGreaterThan(12.5);
		expect(page.url()).toContain('selectie=BU05991391');
		await expect(page.locator('section.panel h3').textContent()).resolves.toBe('Pernis');
		expect(errors).toEqual([]);
	});

	it('undoes the last choice with Back: indicator, then year, each time map, legend, table and controls', async () => {
		const { page, errors } = await openPage(browser, ROTTERDAM_OBESITY);
		const indicator = page.locator('select[name=indicator]');
		const year = page.locator('select[name=periode]');
		const legend = page.locator('.legend figcaption');
		const caption = page.locator('table caption');
		await mapReady(page, 'obesitas_pct|buurt|2020|GM0599');
		const obesity = await coloursOnScreen(page);

		await indicator.selectOption('misdrijven_per_1000');
		await mapReady(page, 'misdrijven_per_1000|buurt|2024|GM0599');
		const crime = await coloursOnScreen(page);
		await year.selectOption('2022');
		await mapReady(page, 'misdrijven_per_1000|buurt|2022|GM0599');
		const crime2022 = await coloursOnScreen(page);
		// Another year colours other buurten: the comparisons below can tell the two apart.
		expect(Object.keys(crime.counts).some((c) => Math.abs(crime.counts[c] - crime2022.counts[c]) > 0.01 * crime.pixels)).toBe(true);

		/** The map draws what it drew before: per legend colour within 1 % of the map. */
		const sameAs = async (before: typeof obesity) => {
			const now = await coloursOnScreen(page);
			expect(coloursCovering(now, 0.005)).toBeGreaterThanOrEqual(3);
			for (const c of Object.keys(before.counts)) expect(Math.abs((now.counts[c] ?? 0) - before.counts[c])).toBeLessThan(0.01 * now.pixels);
		};

		await page.goBack();
		await mapReady(page, 'misdrijven_per_1000|buurt|2024|GM0599');
		expect(new URL(page.url()).pathname).toBe('/kaart');
		expect(new URL(page.url()).searchParams.get('periode')).toBe('2024');
		await expect(year.inputValue()).resolves.toBe('2024');
		await expect(indicator.inputValue()).resolves.toBe('misdrijven_per_1000');
		await expect(legend.textContent()).resolves.toContain('misdrijven');
		await expect(caption.textContent()).resolves.toContain('2024');
		await sameAs(crime);

		await page.goBack();
		await mapReady(page, 'obesitas_pct|buurt|2020|GM0599');
		expect(new URL(page.url()).pathname).toBe('/kaart');
		expect(new URL(page.url()).searchParams.get('indicator')).toBe('obesitas_pct');
		await expect(indicator.inputValue()).resolves.toBe('obesitas_pct');
		await expect(year.inputValue()).resolves.toBe('2020');
		await expect(legend.textContent()).resolves.toContain('obesitas');
		await expect(caption.textContent()).resolves.toContain('2020');
		await sameAs(obesity);

		// Forward redoes it.
		await page.goForward();
		await mapReady(page, 'misdrijven_per_1000|buurt|2024|GM0599');
		await expect(indicator.inputValue()).resolves.toBe('misdrijven_per_1000');
		expect(errors).toEqual([]);
	});

	it('opens Bloemhof from its label: side panel, link to the area page, selection in the URL', async () => {
		const { page, errors } = await openPage(browser, ROTTERDAM_OBESITY + '&centrum=4.50,51.895&zoom=12.6');
		await mapReady(page, 'obesitas_pct|buurt|2020|GM0599');
		await page.getByRole('button', { name: /^Bloemhof \(NPRZ focuswijk\): toon de cijfers$/ }).click();
		const panel = page.locator('section.panel');
		await expect(panel.locator('h3').textContent()).resolves.toBe('Bloemhof (NPRZ focuswijk)');
		await expect(panel.locator('.value').textContent()).resolves.toContain('22,5%');
		expect(await panel.getByRole('link').getAttribute('href')).toBe('/gebied/nprz-bloemhof');
		expect(page.url()).toContain('selectie=nprz-bloemhof');

		// The buurt itself, from the table: its CBS code on the link.
		const row = page.locator('tbody tr', { has: page.getByRole('link', { name: 'Bloemhof', exact: true }) });
		expect(await row.getByRole('link').getAttribute('href')).toBe('/gebied/BU05991081');
		await row.getByRole('button').click();
		await expect(panel.locator('h3').textContent()).resolves.toBe('Bloemhof');
		await expect(panel.textContent()).resolves.toContain('ten opzichte van Rotterdam');
		expect(page.url()).toContain('selectie=BU05991081');
		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
	});

	it('sorts the table by keyboard and summarises the map in words', async () => {
		const { page, errors } = await openPage(browser, ROTTERDAM_OBESITY);
		const valueHeader = page.locator('thead th', { hasText: 'Waarde' });
		await valueHeader.getByRole('button').focus();
		await page.keyboard.press('Enter');
		await expect(valueHeader.getAttribute('aria-sort')).resolves.toBe('ascending');
		await page.keyboard.press('Enter');
		await expect(valueHeader.getAttribute('aria-sort')).resolves.toBe('descending');
		const first = await page.locator('tbody tr').first().locator('td').first().textContent();
		expect(first).toBe('24,5%');
		const summary = (await page.locator('section.summary').textContent()) ?? '';
		expect(summary).toContain('Hoogste waarde: Landzicht (24,5%)');
		expect(summary).toContain('Gemiddelde van Rotterdam: 17,5%');
		expect(summary).toMatch(/Bloemhof \(NPRZ focuswijk\): 22,5%, plaats \d+ van \d+/);
		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
	});

	it('speaks English when asked', async () => {
		const { page, errors } = await openPage(browser, ROTTERDAM_OBESITY + '&lang=en');
		await expect(page.locator('h1').textContent()).resolves.toBe('Map');
		await expect(page.locator('.legend').textContent()).resolves.toContain('no figure');
		await mapReady(page, 'obesitas_pct|buurt|2020|GM0599');
		const notice = page.locator('.maplibregl-cooperative-gesture-screen');
		await expect(notice.locator('.maplibregl-desktop-message').textContent()).resolves.toBe('Hold Ctrl and scroll to zoom the map');
		await expect(notice.locator('.maplibregl-mobile-message').textContent()).resolves.toBe('Use two fingers to move the map');
		expect(await a11yViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
	});

	it('serves compressed tiles and refuses bad tile addresses over HTTP', async () => {
		// Rotterdam Feijenoord at z14.
		const ok = await fetch(`${baseUrl}/tiles/buurt/14/8396/5410?jaargang=2024`, { headers: { 'accept-encoding': 'gzip' } });
		expect(ok.status).toBe(200);
		expect(ok.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
		expect(ok.headers.get('content-encoding')).toBe('gzip');
		expect(ok.headers.get('etag')).toMatch(/^"t1-/);
		expect((await ok.arrayBuffer()).byteLength).toBeGreaterThan(100);
		for (const bad of ['/tiles/buurt/14/99999/5410', '/tiles/provincie/1/0/0', '/tiles/buurt/x/0/0']) {
			expect((await fetch(baseUrl + bad)).status).toBe(400);
		}
		const values = await fetch(`${baseUrl}/api/waarden?indicator=obesitas_pct&niveau=buurt&periode=2020&gemeente=GM0599`);
		expect(values.status).toBe(200);
		const body = (await values.json()) as { values: Record<string, number> };
		expect(body.values.BU05991081).toBe(22.5);
		expect((await fetch(`${baseUrl}/api/waarden?indicator=obesitas_pct&niveau=provincie`)).status).toBe(400);
	});
});
