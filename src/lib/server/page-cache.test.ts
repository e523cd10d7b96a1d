import { brotliDecompressSync } from 'node:zlib';
import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { pageKey, PageStore, servePage } from './page-cache';

/** The parts of a request event the key reads, for a GET of `path` on `routeId` with `cookies`. */
function event(path: string, routeId: string | null, cookies: Record<string, string> = {}, method = 'GET', isDataRequest = false): RequestEvent {
	return {
		request: new Request('http://localhost' + path, { method }),
		url: new URL('http://localhost' + path),
		route: { id: routeId },
		isDataRequest,
		cookies: { getAll: () => Object.entries(cookies).map(([name, value]) => ({ name, value })) }
	} as unknown as RequestEvent;
}

describe('which answers are stored', () => {
	it('stores public pages per version, language, address and kind of request', () => {
		const a = pageKey(event('/gebied/nprz-bloemhof?ref=stad', '/gebied/[id]'), 'nl', '7');
		expect(a).not.toBeNull();
		expect(pageKey(event('/gebied/nprz-bloemhof?ref=stad', '/gebied/[id]'), 'en', '7')).not.toBe(a);
		expect(pageKey(event('/gebied/nprz-bloemhof?ref=stad', '/gebied/[id]'), 'nl', '8')).not.toBe(a);
		expect(pageKey(event('/gebied/nprz-bloemhof', '/gebied/[id]'), 'nl', '7')).not.toBe(a);
		expect(pageKey(event('/gebied/nprz-bloemhof?ref=stad', '/gebied/[id]', {}, 'GET', true), 'nl', '7')).not.toBe(a);
	});

	it('never for a session, a language switch, a write or a page that is not public', () => {
		expect(pageKey(event('/', '/', { 'wam.session_token': 'x' }), 'nl', '7')).toBeNull();
		expect(pageKey(event('/', '/', { '__Secure-wam.session_token': 'x' }), 'nl', '7')).toBeNull();
		expect(pageKey(event('/?lang=en', '/'), 'en', '7')).toBeNull();
		expect(pageKey(event('/', '/', {}, 'POST'), 'nl', '7')).toBeNull();
		expect(pageKey(event('/beheer/gebruikers', '/beheer/gebruikers'), 'nl', '7')).toBeNull();
		expect(pageKey(event('/account', '/account'), 'nl', '7')).toBeNull();
		expect(pageKey(event('/bestaat-niet', null), 'nl', '7')).toBeNull();
		// A cookie of its own (the language) does not stop it.
		expect(pageKey(event('/', '/', { lang: 'en' }), 'en', '7')).not.toBeNull();
	});
});

describe('the store', () => {
	const html = '<!doctype html><p>' + 'figuur '.repeat(500) + '</p>';

	it('keeps a 200 answer and serves it again, compressed as asked', async () => {
		const store = new PageStore();
		const sent = await store.keep('k', new Response(html, { headers: { 'content-type': 'text/html', 'content-security-policy': "script-src 'sha256-abc'" } }));
		expect(await sent.text()).toBe(html);
		const page = store.get('k')!;
		const plain = await servePage(page, new Request('http://localhost/'));
		expect(await plain.text()).toBe(html);
		expect(plain.headers.get('content-security-policy')).toBe("script-src 'sha256-abc'");
		const br = await servePage(page, new Request('http://localhost/', { headers: { 'accept-encoding': 'br' } }));
		expect(br.headers.get('content-encoding')).toBe('br');
		expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(html);
		expect(page.encoded.size).toBe(1);
	});

	it('keeps no more bytes than its budget, dropping the least recently used page first', async () => {
		const store = new PageStore(2 * html.length + 10);
		await store.keep('a', new Response(html));
		await store.keep('b', new Response(html));
		store.get('a');
		await store.keep('c', new Response(html));
		expect([store.get('a') != null, store.get('b') != null, store.get('c') != null]).toEqual([true, false, true]);
	});

	it('does not keep errors, redirects or answers that set a cookie', async () => {
		const store = new PageStore();
		await store.keep('404', new Response(html, { status: 404 }));
		await store.keep('303', new Response(null, { status: 303, headers: { location: '/inloggen' } }));
		await store.keep('cookie', new Response(html, { headers: { 'set-cookie': 'lang=en' } }));
		expect([store.get('404'), store.get('303'), store.get('cookie')]).toEqual([undefined, undefined, undefined]);
	});
});
