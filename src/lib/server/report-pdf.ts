/**
 * The PDF of a report is its own page, printed: the page is asked for inside
 * this server (SvelteKit's fetch, with the user's session, in Dutch), its
 * styles (inlined in the HTML, see svelte.config.js) and its <main> are put in
 * a document of their own, and headless Chromium prints it (pdf.ts) with the
 * area's name, the period and page numbers on every page. So the PDF shows
 * exactly the figures of the page.
 */
import { LOCALE_HEADER } from '../i18n/locale';
import { parsePeriod, periodName } from '../reports/periods';
import type { Snapshot } from '../reports/snapshot';
import { htmlToPdf } from './pdf';

/**
 * The header with which the publish action asks for the page as it will be
 * once published (status, date and publisher), so that the stored PDF shows
 * that and not "goedgekeurd". Honoured only for a monitor who may publish the
 * approved report (see the report page's load).
 */
export const PUBLISHING_HEADER = 'x-publicatie';

/** A self-contained document of a page: its inline styles and its main content, no scripts. */
export function printableDocument(html: string, lang: 'nl' | 'en'): string {
	const head = /<head[^>]*>([\s\S]*?)<\/head>/i.exec(html)?.[1] ?? '';
	const styles = [...head.matchAll(/<style[^>]*>[\s\S]*?<\/style>/gi)].map((m) => m[0]).join('\n');
	const title = /<title>([\s\S]*?)<\/title>/i.exec(head)?.[1] ?? '';
	const main = /<main\b[^>]*>([\s\S]*)<\/main>/i.exec(html)?.[1];
	if (main == null) throw new Error('de pagina heeft geen hoofdinhoud');
	const body = main.replace(/<script\b[\s\S]*?<\/script>/gi, '');
	return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title>${styles}</head><body class="pdf"><main>${body}</main></body></html>`;
}

/** Prints a report's page to PDF, as the caller (whose session the fetch carries) sees it. */
export async function reportPdf(
	fetch: typeof globalThis.fetch,
	id: number,
	snapshot: Snapshot,
	opts: { draft?: string; publishedAt?: Date } = {}
): Promise<Uint8Array> {
	// Identity: an internal answer is not decoded for us, so it must not be compressed.
	const res = await fetch(`/rapporten/${id}`, {
		headers: { [LOCALE_HEADER]: 'nl', 'accept-encoding': 'identity', ...(opts.publishedAt ? { [PUBLISHING_HEADER]: opts.publishedAt.toISOString() } : {}) }
	});
	if (!res.ok) throw new Error(`de pagina gaf ${res.status}`);
	const period = parsePeriod(snapshot.period);
	const title = opts.draft ? `${snapshot.page.subject.name} — ${opts.draft}` : snapshot.page.subject.name;
	return htmlToPdf(printableDocument(await res.text(), 'nl'), { title, period: period ? periodName(period, 'nl') : snapshot.period, lang: 'nl' });
}
