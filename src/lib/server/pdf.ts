/**
 * Report PDFs: self-contained HTML (inline CSS and SVG) printed by headless
 * Chromium, and several such PDFs bundled into one behind a contents page.
 *
 * The HTML carries user-written Markdown, so the page that prints it is shut:
 * JavaScript off, every request aborted (no fetch of an internal URL, no
 * file://, no tracking pixel), and a time limit. Charts stay vectors because
 * Chromium prints inline SVG as PDF paths and text; nothing is screenshotted.
 *
 * One browser serves the whole process: launched on first use, relaunched when
 * it crashed, at most MAX_PAGES prints at once (the rest wait their turn). The
 * browser is a child process on a pipe: it ends when Node ends, however Node
 * ends. While it runs it keeps Node's event loop alive, so a script or test
 * that printed calls closePdfBrowser() before it expects to exit.
 */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, type PDFRef } from 'pdf-lib';
import { config, isExecutableFile } from './env';

export interface PdfOptions {
	/** Printed in the header of every page, e.g. the area's name. */
	title: string;
	/** Printed beside the title, e.g. "1e helft 2026". */
	period: string;
	/** Language of the page footer ("Pagina 2 van 5" / "Page 2 of 5") and of the contents page. */
	lang: 'nl' | 'en';
}

/** A failure the caller can show as it is: the message says what went wrong in Dutch. */
export class PdfError extends Error {}

/** Where Debian (and Ubuntu) put Chromium, in the order tried after CHROMIUM_PATH. */
const DEBIAN_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
/** Prints at once: each page of a 2-core server takes a core while it lays out. */
const MAX_PAGES = 2;
/** Time for one document, from loading the HTML to the last PDF byte (ms). */
const RENDER_TIMEOUT_MS = 60_000;
const LAUNCH_TIMEOUT_MS = 30_000;
/** A4 page margins: room above and below for the running header and footer. */
const MARGIN = { top: '22mm', bottom: '20mm', left: '16mm', right: '16mm' };

/** The Chromium executable: CHROMIUM_PATH, else Debian's; null when there is none. */
export function chromiumExecutable(): string | null {
	return config().chromiumPath ?? DEBIAN_CHROMIUM.find(isExecutableFile) ?? null;
}

/** Whether this server can print PDFs; when not, the UI keeps the print stylesheet and says so. */
export function pdfAvailable(): boolean {
	return chromiumExecutable() !== null;
}

let browser: Promise<Browser> | null = null;

function launchedBrowser(): Promise<Browser> {
	if (browser) return browser;
	const executablePath = chromiumExecutable();
	if (!executablePath) {
		throw new PdfError('PDF is niet beschikbaar op deze server: Chromium is niet gevonden (installeer het pakket chromium of zet CHROMIUM_PATH).');
	}
	const launching = chromium
		.launch({
			executablePath,
			timeout: LAUNCH_TIMEOUT_MS,
			// The server's own shutdown (adapter-node) owns the signals; Playwright still kills the child on exit.
			handleSIGINT: false,
			handleSIGTERM: false,
			handleSIGHUP: false,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic',
				'--dns-prefetch-disable',
				// No host name or address resolves, so what slips past the route below goes nowhere:
				// a <link rel="prefetch"> does (the browser fetches it outside the page's interception).
				'--host-resolver-rules=MAP * ~NOTFOUND'
			]
		})
		.catch((e: unknown) => {
			throw new PdfError(`Chromium (${executablePath}) start niet: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
		});
	browser = launching;
	const forget = () => {
		if (browser === launching) browser = null;
	};
	// A crashed or closed browser is launched afresh on next use.
	launching.then((b) => b.on('disconnected', forget), forget);
	return launching;
}

/** Closes the shared browser (tests, scripts); the next print launches a new one. */
export async function closePdfBrowser(): Promise<void> {
	const current = browser;
	browser = null;
	await current?.then((b) => b.close()).catch(() => {});
}

let printing = 0;
const waiting: (() => void)[] = [];

/** Runs `job` when one of the MAX_PAGES print slots is free (first come, first served). */
async function inSlot<T>(job: () => Promise<T>): Promise<T> {
	if (printing < MAX_PAGES) printing++;
	else await new Promise<void>((resolve) => waiting.push(resolve)); // the slot is handed over, the count stays
	try {
		return await job();
	} finally {
		const next = waiting.shift();
		if (next) next();
		else printing--;
	}
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Chromium's running header and footer: separate documents, so they carry their own font and size. */
function headerFooter(opts: PdfOptions) {
	const box = `font-family:'DejaVu Sans',Arial,sans-serif;font-size:8pt;color:#444;width:100%;margin:0 ${MARGIN.left};display:flex;justify-content:space-between`;
	const [page, of] = opts.lang === 'en' ? ['Page', 'of'] : ['Pagina', 'van'];
	return {
		headerTemplate: `<div style="${box}"><span>${escapeHtml(opts.title)}</span><span>${escapeHtml(opts.period)}</span></div>`,
		footerTemplate: `<div style="${box};justify-content:center">${page}&nbsp;<span class="pageNumber"></span>&nbsp;${of}&nbsp;<span class="totalPages"></span></div>`
	};
}

async function withTimeout<T>(work: Promise<T>, context: BrowserContext): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const expired = new Promise<never>((_, reject) => {
		timer = setTimeout(() => {
			reject(new PdfError(`De PDF was na ${RENDER_TIMEOUT_MS / 1000} seconden nog niet klaar en is afgebroken.`));
			context.close().catch(() => {});
		}, RENDER_TIMEOUT_MS);
	});
	try {
		return await Promise.race([work, expired]);
	} finally {
		clearTimeout(timer);
	}
}

/**
 * Prints self-contained HTML to an A4 portrait PDF: backgrounds printed, the
 * title and period in the header of every page, "Pagina X van Y" (or "Page X
 * of Y") in the footer. Anything the HTML would load (images, stylesheets,
 * fonts, frames) is refused, so it must inline what it shows; scripts do not run.
 * Throws PdfError when no Chromium is available, it will not start, or the
 * print takes longer than a minute.
 */
export function htmlToPdf(html: string, opts: PdfOptions): Promise<Uint8Array> {
	return inSlot(async () => {
		const context = await newContext();
		try {
			return await withTimeout(
				(async () => {
					// A navigation (meta refresh, a frame) answered 204 leaves the document as it is; an aborted one would print an error page.
					await context.route('**/*', (route) => (route.request().isNavigationRequest() ? route.fulfill({ status: 204 }) : route.abort('blockedbyclient')));
					const page = await context.newPage();
					page.setDefaultTimeout(RENDER_TIMEOUT_MS);
					await page.setContent(html, { waitUntil: 'load' });
					await page.emulateMedia({ media: 'print' });
					const pdf = await page.pdf({ format: 'A4', printBackground: true, displayHeaderFooter: true, margin: MARGIN, ...headerFooter(opts) });
					return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
				})(),
				context
			);
		} catch (e) {
			if (e instanceof PdfError) throw e;
			throw new PdfError(`De PDF kon niet worden gemaakt: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
		} finally {
			await context.close().catch(() => {});
		}
	});
}

/** A shut browser context; a browser that died since the last print is replaced once. */
async function newContext(): Promise<BrowserContext> {
	const options = { javaScriptEnabled: false, serviceWorkers: 'block', acceptDownloads: false, offline: true } as const;
	const b = await launchedBrowser();
	try {
		return await b.newContext(options);
	} catch {
		if (browser) await closePdfBrowser();
	}
	try {
		return await (await launchedBrowser()).newContext(options);
	} catch (e) {
		await closePdfBrowser();
		throw new PdfError(`Chromium reageert niet; probeer het opnieuw. (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
	}
}

const TOC_TEXT = {
	nl: { heading: 'Inhoud', page: 'Pagina' },
	en: { heading: 'Contents', page: 'Page' }
};

/** The contents page: the bundle's title and period, then each part with the bundle page it starts on. */
function contentsHtml(parts: { title: string; startPage: number }[], opts: PdfOptions): string {
	const t = TOC_TEXT[opts.lang];
	const rows = parts.map((p) => `<tr><td>${escapeHtml(p.title)}</td><td class="n">${p.startPage}</td></tr>`).join('');
	return `<!doctype html><html lang="${opts.lang}"><head><meta charset="utf-8"><title>${escapeHtml(opts.title)}</title><style>
body{font-family:'DejaVu Sans',Arial,sans-serif;font-size:10.5pt;color:#1a1a1a;margin:0}
h1{font-size:20pt;margin:0 0 2mm}p.period{font-size:12pt;color:#444;margin:0 0 10mm}
h2{font-size:13pt;margin:0 0 3mm}table{width:100%;border-collapse:collapse}
th,td{text-align:left;padding:1.6mm 0;border-bottom:0.3mm solid #ccc}th{font-weight:600}.n{text-align:right;width:20mm}
tr{break-inside:avoid}
</style></head><body><h1>${escapeHtml(opts.title)}</h1><p class="period">${escapeHtml(opts.period)}</p>
<h2>${t.heading}</h2><table><thead><tr><th></th><th class="n">${t.page}</th></tr></thead><tbody>${rows}</tbody></table></body></html>`;
}

/**
 * One PDF from several: a contents page (the bundle's title and period, each
 * part's title with the page of this bundle it starts on), then every part's
 * pages in order, with a bookmark per part. Page numbers in the contents count
 * the bundle's pages, contents included; the parts keep their own running
 * footers. An empty list gives just the contents page.
 */
export async function bundlePdf(parts: { title: string; pdf: Uint8Array }[], opts: PdfOptions): Promise<Uint8Array> {
	const docs = await Promise.all(
		parts.map((p) =>
			PDFDocument.load(p.pdf).catch((e: unknown) => {
				throw new PdfError(`Het deel "${p.title}" is geen leesbare PDF: ${e instanceof Error ? e.message : String(e)}`);
			})
		)
	);
	// The contents' own length shifts every start page: print, count, print again until it holds.
	let contentsPages = 1;
	let contents: PDFDocument | null = null;
	let starts: number[] = [];
	for (let attempt = 0; attempt < 4 && !contents; attempt++) {
		let next = contentsPages + 1;
		starts = docs.map((d) => {
			const start = next;
			next += d.getPageCount();
			return start;
		});
		const printed = await PDFDocument.load(
			await htmlToPdf(
				contentsHtml(
					parts.map((p, i) => ({ title: p.title, startPage: starts[i] })),
					opts
				),
				opts
			)
		);
		if (printed.getPageCount() === contentsPages) contents = printed;
		else contentsPages = printed.getPageCount();
	}
	if (!contents) throw new PdfError('De inhoudsopgave van de bundel kreeg geen vaste lengte.');

	const bundle = await PDFDocument.create();
	bundle.setTitle(`${opts.title} – ${opts.period}`, { showInWindowTitleBar: true });
	bundle.setLanguage(opts.lang);
	for (const source of [contents, ...docs]) {
		for (const page of await bundle.copyPages(source, source.getPageIndices())) bundle.addPage(page);
	}
	addOutline(
		bundle,
		parts.map((p, i) => ({ title: p.title, pageIndex: starts[i] - 1 }))
	);
	return bundle.save();
}

/**
 * A flat outline (the viewer's bookmarks pane): one entry per part, opening at
 * the top of its first page. pdf-lib has no outline API, so the dictionaries
 * are written as PDF 1.7 §12.3.3 describes them.
 */
function addOutline(doc: PDFDocument, entries: { title: string; pageIndex: number }[]): void {
	if (entries.length === 0) return;
	const ctx = doc.context;
	const rootRef = ctx.nextRef();
	const refs: PDFRef[] = entries.map(() => ctx.nextRef());
	const pages = doc.getPages();
	entries.forEach((entry, i) => {
		const item = ctx.obj({
			Title: PDFHexString.fromText(entry.title),
			Parent: rootRef,
			Dest: [pages[entry.pageIndex].ref, PDFName.of('XYZ'), PDFNull, PDFNull, PDFNull]
		});
		if (i > 0) item.set(PDFName.of('Prev'), refs[i - 1]);
		if (i < refs.length - 1) item.set(PDFName.of('Next'), refs[i + 1]);
		ctx.assign(refs[i], item);
	});
	ctx.assign(rootRef, ctx.obj({ Type: 'Outlines', First: refs[0], Last: refs[refs.length - 1], Count: PDFNumber.of(refs.length) }));
	doc.catalog.set(PDFName.of('Outlines'), rootRef);
	doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
