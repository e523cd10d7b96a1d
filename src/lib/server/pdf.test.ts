/**
 * Prints with the real Chromium. Without one the tests are skipped and say so,
 * except in CI (where .ci/run installs chromium), where that is a failure.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { pdfOutline, pdfPages } from '../../../tests/pdf-text';
import { bundlePdf, chromiumExecutable, closePdfBrowser, htmlToPdf, pdfAvailable } from './pdf';

const available = pdfAvailable();
if (!available) {
	if (process.env.CI) throw new Error('Chromium not found (CHROMIUM_PATH, /usr/bin/chromium): the PDF tests cannot run in CI.');
	console.warn('\n[pdf] Chromium not found: the PDF tests are skipped (apt-get install chromium, or set CHROMIUM_PATH).\n');
}

const page = (body: string, extraHead = '') =>
	`<!doctype html><html lang="nl"><head><meta charset="utf-8"><style>body{font-family:'DejaVu Sans',sans-serif} .brk{break-before:page}</style>${extraHead}</head><body>${body}</body></html>`;

/** A line chart as the report draws it: inline SVG with a text label. */
const chart = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200">
<rect x="0" y="0" width="400" height="200" fill="#eef"/><path d="M10 180 L100 120 L200 140 L390 20" stroke="#c00" stroke-width="3" fill="none"/>
<text x="20" y="30" font-size="16">Werkloosheid grafieklabel</text></svg>`;

describe.skipIf(!available)('pdf (Chromium at ' + chromiumExecutable() + ')', { timeout: 120_000 }, () => {
	afterAll(closePdfBrowser);

	it('puts the title, the period and "Pagina n van N" on every page, and keeps an SVG chart as vectors', async () => {
		const title = `Wijk <Oost> & 'Noord' "A"`;
		const pdf = await htmlToPdf(page(`<h1>Eerste</h1>${chart}<h1 class="brk">Tweede</h1><p>Tekst</p><h1 class="brk">Derde</h1>`), {
			title,
			period: '1e helft 2026',
			lang: 'nl'
		});
		const pages = await pdfPages(pdf);
		expect(pages).toHaveLength(3);
		for (const p of pages) {
			expect(p.text).toContain(title);
			expect(p.text).toContain('1e helft 2026');
			expect(p.text).toContain(`Pagina ${p.number} van 3`);
			expect(p.images, `page ${p.number} paints a raster image`).toBe(0);
		}
		expect(pages[0].text).toContain('Werkloosheid grafieklabel');
	});

	it('writes the footer in English for lang en', async () => {
		const pages = await pdfPages(await htmlToPdf(page('<p>Hello</p>'), { title: 'Area', period: 'H1 2026', lang: 'en' }));
		expect(pages.map((p) => p.text)).toEqual([expect.stringContaining('Page 1 of 1')]);
	});

	it('requests nothing the HTML points at and runs none of its scripts', async () => {
		const requests: string[] = [];
		const server: Server = createServer((req, res) => {
			requests.push(`${req.method} ${req.url}`);
			res.end('x');
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		try {
			const html = page(
				`<p id="t">Zonder script</p>
<img src="${base}/img.png" alt="">
<img src="http://localhost:${new URL(base).port}/localhost.png" alt="">
<img src="file:///etc/hostname" alt="">
<img srcset="${base}/srcset.png 2x" alt="">
<div style="background:url(${base}/background.png);width:10px;height:10px"></div>
<iframe src="${base}/frame"></iframe><object data="${base}/object"></object><video poster="${base}/poster.png"></video>
<script src="${base}/script.js"></script>
<script>document.getElementById('t').textContent = 'Script liep';</script>`,
				`<link rel="stylesheet" href="${base}/style.css"><link rel="prefetch" href="${base}/prefetch">
<style>@import url(${base}/import.css); @font-face{font-family:X;src:url(${base}/font.woff)} p{font-family:X}</style>
<meta http-equiv="refresh" content="0;url=${base}/refresh">`
			);
			const pages = await pdfPages(await htmlToPdf(html, { title: 'Netwerk', period: '2026', lang: 'nl' }));
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(requests).toEqual([]);
			expect(pages[0].text).toContain('Zonder script');
			expect(pages[0].text).not.toContain('Script liep');
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it('bundles parts behind a contents page whose page numbers are where each part starts, with a bookmark per part', async () => {
		const opts = { title: 'Voortgang Rotterdam Zuid', period: '2e helft 2026', lang: 'nl' as const };
		const part = async (name: string, pages: number) => ({
			title: name,
			pdf: await htmlToPdf(page(Array.from({ length: pages }, (_, i) => `<h1${i ? ' class="brk"' : ''}>${name} blad ${i + 1}</h1>`).join('')), {
				...opts,
				title: name
			})
		});
		const parts = await Promise.all([part('Wijk Alfa', 2), part('Wijk Beta', 1), part('Wijk Gamma', 3)]);
		const bundle = await bundlePdf(parts, opts);
		const pages = await pdfPages(bundle);
		expect(pages).toHaveLength(7);
		expect(pages[0].text).toContain('Voortgang Rotterdam Zuid');
		expect(pages[0].text).toContain('2e helft 2026');
		for (const { title } of parts) {
			const listed = Number(pages[0].text.match(new RegExp(`${title} (\\d+)`))?.[1]);
			const firstShown = pages.find((p) => p.number > 1 && p.text.includes(`${title} blad 1`))?.number;
			expect(listed, title).toBe(firstShown);
		}
		expect(await pdfOutline(bundle)).toEqual([
			{ title: 'Wijk Alfa', page: 2 },
			{ title: 'Wijk Beta', page: 4 },
			{ title: 'Wijk Gamma', page: 5 }
		]);
	});

	it('counts a contents list longer than one page in the page numbers', async () => {
		const one = await htmlToPdf(page('<p>Eén blad</p>'), { title: 'Deel', period: '2026', lang: 'en' });
		const parts = Array.from({ length: 70 }, (_, i) => ({ title: `Deel ${i + 1} van de bundel`, pdf: one }));
		const pages = await pdfPages(await bundlePdf(parts, { title: 'Lange bundel', period: '2026', lang: 'en' }));
		const contentsPages = pages.length - parts.length;
		expect(contentsPages).toBeGreaterThan(1);
		const listed = pages
			.slice(0, contentsPages)
			.flatMap((p) => [...p.text.matchAll(/Deel (\d+) van de bundel (\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]));
		expect(listed).toEqual(parts.map((_, i) => [i + 1, contentsPages + i + 1]));
	});

	it('prints several documents at once, and again after the browser was closed', async () => {
		const prints = Array.from({ length: 5 }, (_, i) => htmlToPdf(page(`<p>Document ${i}</p>`), { title: `D${i}`, period: '2026', lang: 'nl' }));
		const texts = (await Promise.all(prints.map(async (p) => (await pdfPages(await p))[0].text))).map((t) => t.match(/Document \d/)?.[0]);
		expect(texts).toEqual(['Document 0', 'Document 1', 'Document 2', 'Document 3', 'Document 4']);
		await closePdfBrowser();
		expect((await pdfPages(await htmlToPdf(page('<p>Weer</p>'), { title: 'Opnieuw', period: '2026', lang: 'nl' })))[0].text).toContain('Weer');
	});

	it('prints a ten-page document with a chart on each page', async () => {
		const body = Array.from(
			{ length: 10 },
			(_, i) => `<section${i ? ' class="brk"' : ''}><h1>Hoofdstuk ${i + 1}</h1>${chart}<p>${'Lopende tekst. '.repeat(80)}</p></section>`
		).join('');
		const started = performance.now();
		const pdf = await htmlToPdf(page(body), { title: 'Tien bladen', period: '2026', lang: 'nl' });
		const ms = Math.round(performance.now() - started);
		const pages = await pdfPages(pdf);
		console.info(`[pdf] 10-page document: ${pages.length} pages, ${Math.round(pdf.byteLength / 1024)} KiB in ${ms} ms (browser already running)`);
		expect(pages).toHaveLength(10);
		expect(pages.every((p) => p.images === 0)).toBe(true);
	});
});
