/**
 * How much of the map shows each class colour of its legend: a screenshot of
 * `.map`, decoded in the page, its pixels counted per legend swatch colour
 * (exact: fills are opaque). Shared by the browser tests and the first-
 * choropleth benchmark.
 */
import type { Page } from 'playwright-core';

/** Pixels per legend colour, and the screenshot's size in pixels. */
export async function coloursOnScreen(page: Page): Promise<{ counts: Record<string, number>; pixels: number }> {
	const png = (await page.locator('.map').screenshot()).toString('base64');
	const legend = await page.locator('.legend .swatch[style]').evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor));
	return page.evaluate(
		async ({ png, legend }) => {
			const bytes = Uint8Array.from(atob(png), (ch) => ch.charCodeAt(0));
			const img = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
			const canvas = new OffscreenCanvas(img.width, img.height);
			const ctx = canvas.getContext('2d')!;
			ctx.drawImage(img, 0, 0);
			const data = ctx.getImageData(0, 0, img.width, img.height).data;
			const wanted = new Map(legend.map((c) => [c.replace(/\s/g, ''), c]));
			const counts: Record<string, number> = Object.fromEntries(legend.map((c) => [c, 0]));
			for (let i = 0; i < data.length; i += 4) {
				const c = wanted.get(`rgb(${data[i]},${data[i + 1]},${data[i + 2]})`);
				if (c) counts[c]++;
			}
			return { counts, pixels: img.width * img.height };
		},
		{ png, legend }
	);
}

/** Legend colours that each cover at least `share` of the map. */
export function coloursCovering(shot: { counts: Record<string, number>; pixels: number }, share: number): number {
	return Object.values(shot.counts).filter((n) => n >= share * shot.pixels).length;
}
