/**
 * HTTP concerns shared by the endpoints and the page responses: content
 * encoding, cache validators tied to the data version, and compressed bodies.
 */
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { promisify } from 'node:util';

export type Encoding = 'br' | 'gzip' | 'identity';

/** The best encoding the client accepts (brotli, then gzip). */
export function pickEncoding(acceptEncoding: string | null): Encoding {
	const accepted = (acceptEncoding ?? '')
		.split(',')
		.map((s) => s.trim().split(';'))
		.filter(([, q]) => !q || Number(q.split('=')[1]) > 0)
		.map(([e]) => e.toLowerCase());
	if (accepted.includes('br')) return 'br';
	if (accepted.includes('gzip') || accepted.includes('*')) return 'gzip';
	return 'identity';
}

const br = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * Compresses off the main thread (zlib's thread pool), so a large page does not
 * hold up other requests. Brotli quality 5: most of the gain at a fraction of
 * the time of the maximum (11).
 */
export async function compress(bytes: Uint8Array, encoding: Encoding): Promise<Uint8Array<ArrayBuffer>> {
	if (encoding === 'identity') return new Uint8Array(bytes);
	const out =
		encoding === 'br'
			? await br(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength } })
			: await gz(bytes, { level: 6 });
	return new Uint8Array(out.buffer as ArrayBuffer, out.byteOffset, out.byteLength);
}

/**
 * Cache headers tied to the data version: a URL that names the current version
 * (`?v=`) is immutable for a year; any other URL must revalidate. The ETag
 * names `tag` (what the resource is), the version and the encoding, so a
 * conditional request is answered (304) without any work.
 */
export function cacheHeaders(tag: string, version: string, askedVersion: string | null, encoding: Encoding): Record<string, string> {
	return {
		etag: `"${tag}-${version}-${encoding}"`,
		'cache-control': askedVersion === version ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
		vary: 'Accept-Encoding'
	};
}

export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
	if (!ifNoneMatch) return false;
	return ifNoneMatch.split(',').some((t) => {
		const s = t.trim();
		return s === '*' || s.replace(/^W\//, '') === etag;
	});
}

/**
 * A versioned resource: 304 when the client has it, else `body()` (null: 204),
 * compressed for the client, with the cache headers above.
 */
export async function versionedResponse(
	request: Request,
	url: URL,
	opts: {
		tag: string;
		version: string;
		contentType: string;
		/** The body, compressed here; or `encoded`, which gives it already in the encoding asked. */
		body?: () => Promise<Uint8Array | null>;
		encoded?: (encoding: Encoding) => Promise<Uint8Array<ArrayBuffer> | null>;
	}
): Promise<Response> {
	const encoding = pickEncoding(request.headers.get('accept-encoding'));
	const headers = cacheHeaders(opts.tag, opts.version, url.searchParams.get('v'), encoding);
	if (etagMatches(request.headers.get('if-none-match'), headers.etag)) return new Response(null, { status: 304, headers });
	let encoded: Uint8Array<ArrayBuffer> | null;
	if (opts.encoded) encoded = await opts.encoded(encoding);
	else {
		const bytes = await opts.body!();
		encoded = bytes && (await compress(bytes, encoding));
	}
	if (!encoded) return new Response(null, { status: 204, headers });
	const out: Record<string, string> = { ...headers, 'content-type': opts.contentType };
	if (encoding !== 'identity') out['content-encoding'] = encoding;
	return new Response(encoded, { status: 200, headers: out });
}

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|geo\+json)|image\/svg\+xml)/;

/**
 * Compresses a response that the app made (HTML pages, JSON, CSV) when the
 * client accepts it and it is not compressed already. Small bodies are left as
 * they are (the headers would outweigh the gain).
 */
export async function compressResponse(request: Request, response: Response): Promise<Response> {
	const type = response.headers.get('content-type') ?? '';
	if (!response.body || response.headers.has('content-encoding') || !COMPRESSIBLE.test(type) || response.status === 204 || response.status === 304)
		return response;
	const encoding = pickEncoding(request.headers.get('accept-encoding'));
	if (encoding === 'identity') return response;
	const bytes = new Uint8Array(await response.arrayBuffer());
	const headers = new Headers(response.headers);
	headers.append('vary', 'Accept-Encoding');
	if (bytes.byteLength < 1024) return new Response(bytes, { status: response.status, statusText: response.statusText, headers });
	const body = await compress(bytes, encoding);
	headers.set('content-encoding', encoding);
	headers.delete('content-length');
	const etag = headers.get('etag');
	if (etag && !etag.includes(`-${encoding}`)) headers.set('etag', etag.replace(/"$/, `-${encoding}"`));
	return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
