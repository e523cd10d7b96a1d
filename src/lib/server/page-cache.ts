/**
 * Public pages as a visitor without an account sees them, rendered once per
 * data version, language, address and day, and served again from memory (and
 * compressed once per encoding). What such a visitor sees depends on nothing
 * else: the figures come from the data version (with the same suppression for
 * everyone), the language from the cookie or `?lang=`, the print date from the
 * day. A signed-in user, a request that sets a cookie, or any answer other than
 * 200 is never stored nor served from here. Pages carry their
 * Content-Security-Policy as hashes of their inline scripts (svelte.config.js,
 * `csp.mode: 'hash'`), so a stored page and its policy stay valid together.
 */
import type { RequestEvent } from '@sveltejs/kit';
import type { Locale } from '../i18n/locale';
import { compress, pickEncoding, type Encoding } from './http';

/** Route ids of the public pages (and their __data.json) that are stored. */
const STORED_ROUTES: ReadonlySet<string> = new Set(['/', '/gebied/[id]', '/kaart', '/over']);

/**
 * At most this many bytes of pages (before compression) are kept, least
 * recently used first out: a nationwide buurt map is 1.3 MB, a focus area's
 * page a quarter of that.
 */
const MAX_BYTES = 64 * 1024 * 1024;

export interface StoredPage {
	headers: [string, string][];
	body: Uint8Array;
	encoded: Map<Encoding, Promise<Uint8Array<ArrayBuffer>>>;
}

/** The key of a request whose answer may be stored or served from the store; null when it may not. */
export function pageKey(event: RequestEvent, locale: Locale, version: string): string | null {
	if (event.request.method !== 'GET' || !event.route.id || !STORED_ROUTES.has(event.route.id)) return null;
	// ?lang= sets the language cookie; a session cookie may mean a signed-in user.
	if (event.url.searchParams.has('lang') || event.cookies.getAll().some((c) => c.name.endsWith('.session_token'))) return null;
	const day = new Date().toISOString().slice(0, 10);
	return JSON.stringify([version, locale, event.isDataRequest, event.url.pathname + event.url.search, day]);
}

export class PageStore {
	private readonly pages = new Map<string, StoredPage>();
	private bytes = 0;

	constructor(private readonly maxBytes = MAX_BYTES) {}

	get(key: string): StoredPage | undefined {
		const hit = this.pages.get(key);
		if (hit) {
			this.pages.delete(key);
			this.pages.set(key, hit);
		}
		return hit;
	}

	/** Keeps a 200 answer without cookies; returns the answer to send now (its body was read). */
	async keep(key: string, response: Response): Promise<Response> {
		if (response.status !== 200 || response.headers.has('set-cookie') || response.headers.has('content-encoding') || !response.body) return response;
		const page: StoredPage = { headers: [...response.headers], body: new Uint8Array(await response.arrayBuffer()), encoded: new Map() };
		this.drop(key);
		this.pages.set(key, page);
		this.bytes += page.body.byteLength;
		while (this.bytes > this.maxBytes && this.pages.size > 1) this.drop(this.pages.keys().next().value!);
		return new Response(page.body as Uint8Array<ArrayBuffer>, { status: 200, headers: page.headers });
	}

	clear(): void {
		this.pages.clear();
		this.bytes = 0;
	}

	private drop(key: string): void {
		const page = this.pages.get(key);
		if (!page) return;
		this.bytes -= page.body.byteLength;
		this.pages.delete(key);
	}
}

/** A stored page as an answer to `request`, compressed as it accepts (each encoding made once). */
export async function servePage(page: StoredPage, request: Request): Promise<Response> {
	const encoding = pickEncoding(request.headers.get('accept-encoding'));
	const headers = new Headers(page.headers);
	headers.append('vary', 'Accept-Encoding');
	if (encoding === 'identity' || page.body.byteLength < 1024) return new Response(page.body as Uint8Array<ArrayBuffer>, { status: 200, headers });
	let body = page.encoded.get(encoding);
	if (!body) page.encoded.set(encoding, (body = compress(page.body, encoding)));
	headers.set('content-encoding', encoding);
	headers.delete('content-length');
	return new Response(await body, { status: 200, headers });
}
