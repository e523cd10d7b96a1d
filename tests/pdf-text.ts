/**
 * Reads a PDF back for tests: per page, its text (as pdf.js extracts it, runs
 * of whitespace, no-break spaces included, as one space; pieces that touch on
 * a line joined, so a ligature does not split a word) and how many raster
 * images it paints; plus the outline (bookmarks) with the page each opens.
 */
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfPage {
	/** 1-based page number. */
	number: number;
	text: string;
	/** Raster images painted on the page (image XObjects and inline images); 0 means all vector. */
	images: number;
}

const IMAGE_OPS = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat]);

async function open(pdf: Uint8Array) {
	// pdf.js takes the buffer over: hand it a copy so the caller's bytes stay usable.
	return getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
}

export async function pdfPages(pdf: Uint8Array): Promise<PdfPage[]> {
	const doc = await open(pdf);
	try {
		const pages: PdfPage[] = [];
		for (let n = 1; n <= doc.numPages; n++) {
			const page = await doc.getPage(n);
			const content = await page.getTextContent();
			// Chromium splits runs at ligatures ("fi"): pieces that touch on one line are one word.
			let text = '';
			let end: { x: number; y: number } | null = null;
			for (const item of content.items) {
				if (!('str' in item)) continue;
				const [x, y] = [item.transform[4], item.transform[5]];
				if (end && (Math.abs(y - end.y) > 1 || Math.abs(x - end.x) > 1)) text += ' ';
				text += item.str + (item.hasEOL ? ' ' : '');
				end = { x: x + item.width, y };
			}
			text = text.replace(/\s+/g, ' ').trim();
			const ops = await page.getOperatorList();
			pages.push({ number: n, text, images: ops.fnArray.filter((op) => IMAGE_OPS.has(op)).length });
		}
		return pages;
	} finally {
		await doc.destroy();
	}
}

/** The text of each page, in order. */
export async function pdfTextPerPage(pdf: Uint8Array): Promise<string[]> {
	return (await pdfPages(pdf)).map((p) => p.text);
}

/** The document's top-level bookmarks, with the 1-based page each one opens. */
export async function pdfOutline(pdf: Uint8Array): Promise<{ title: string; page: number }[]> {
	const doc = await open(pdf);
	try {
		const outline = (await doc.getOutline()) ?? [];
		return Promise.all(
			outline.map(async (item) => {
				const dest = typeof item.dest === 'string' ? await doc.getDestination(item.dest) : item.dest;
				const ref = dest?.[0] as { num: number; gen: number } | undefined;
				return { title: item.title, page: ref ? (await doc.getPageIndex(ref)) + 1 : NaN };
			})
		);
	} finally {
		await doc.destroy();
	}
}
