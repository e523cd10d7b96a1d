/**
 * The one way the fetchers talk to CBS and PDOK: a GET with a timeout, a retry
 * with backoff when the server is busy (429, 5xx), and an `OfflineError` with
 * one Dutch sentence when the host cannot be reached at all. `fetch` is
 * injectable so tests can point it at a local fixture server.
 */

export type FetchFn = (url: string, init?: { signal?: AbortSignal; headers?: Record<string, string> }) => Promise<Response>;

export interface HttpOptions {
	/** Default: the global fetch. */
	fetch?: FetchFn;
	/** Per request, in milliseconds (default 60 s: a 10 000-row CBS page can take a while). */
	timeoutMs?: number;
	/** Attempts after the first one, on 429, 5xx or a timeout (default 3). */
	retries?: number;
	/** First wait before a retry, doubled on each next one (default 1 s); a Retry-After header wins, capped at 60 s. */
	backoffMs?: number;
	/** The service as a user knows it, for the offline sentence ("CBS", "PDOK"). */
	service?: string;
}

/** The host could not be reached: the one sentence says which and that nothing changed. */
export class OfflineError extends Error {
	constructor(
		public readonly host: string,
		service: string
	) {
		super(`Geen verbinding met ${host}: deze machine kan ${service} niet bereiken; er is niets gewijzigd.`);
		this.name = 'OfflineError';
	}
}

/** The server answered, but not with what was asked (a 4xx, or still a 5xx after the retries). */
export class HttpError extends Error {
	constructor(
		public readonly status: number,
		public readonly url: string,
		detail: string
	) {
		super(`${new URL(url).host} antwoordde met HTTP ${status}${detail ? ` (${detail})` : ''}; er is niets gewijzigd.`);
		this.name = 'HttpError';
	}
}

/** Error codes of Node (undici, dns) that mean the host is not reachable from here. */
const OFFLINE_CODES = new Set([
	'ENOTFOUND',
	'ECONNREFUSED',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ECONNRESET',
	'UND_ERR_CONNECT_TIMEOUT',
	'UND_ERR_SOCKET'
]);

/** The error codes anywhere in a fetch error's cause chain (undici nests them, sometimes in an AggregateError). */
function errorCodes(error: unknown, depth = 0): string[] {
	if (!error || typeof error !== 'object' || depth > 5) return [];
	const e = error as { code?: unknown; cause?: unknown; errors?: unknown };
	const own = typeof e.code === 'string' ? [e.code] : [];
	const nested = Array.isArray(e.errors) ? e.errors.flatMap((x) => errorCodes(x, depth + 1)) : [];
	return [...own, ...nested, ...errorCodes(e.cause, depth + 1)];
}

const isTimeout = (e: unknown) => e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
/** A network failure (no HTTP answer at all): undici throws TypeError('fetch failed') with the reason in `cause`. */
const isNetworkFailure = (e: unknown) => errorCodes(e).some((c) => OFFLINE_CODES.has(c)) || (e instanceof TypeError && /fetch failed/i.test(e.message));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Seconds of a Retry-After header as milliseconds, or null (an HTTP date is ignored). */
function retryAfterMs(response: Response): number | null {
	const value = response.headers.get('retry-after');
	return value && /^\d+$/.test(value.trim()) ? Math.min(60_000, Number(value) * 1000) : null;
}

/**
 * GETs `url` and returns the body as text with its status (2xx only). Retries
 * 429, 5xx and timeouts with exponential backoff; throws `OfflineError` when the
 * host cannot be reached (or keeps timing out) and `HttpError` for any other
 * answer that is not 2xx.
 */
export async function getText(url: string, options: HttpOptions = {}): Promise<string> {
	const doFetch = options.fetch ?? ((u, init) => fetch(u, init));
	const retries = options.retries ?? 3;
	const backoff = options.backoffMs ?? 1000;
	const host = new URL(url).host;
	const service = options.service ?? host;
	for (let attempt = 0; ; attempt++) {
		const wait = backoff * 2 ** attempt;
		let response: Response;
		try {
			response = await doFetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 60_000), headers: { accept: 'application/json' } });
		} catch (e) {
			if (isTimeout(e) && attempt < retries) {
				await sleep(wait);
				continue;
			}
			if (isTimeout(e) || isNetworkFailure(e)) throw new OfflineError(host, service);
			throw e;
		}
		if (response.ok) return await response.text();
		if ((response.status === 429 || response.status >= 500) && attempt < retries) {
			await response.body?.cancel();
			await sleep(retryAfterMs(response) ?? wait);
			continue;
		}
		throw new HttpError(response.status, url, await errorDetail(response));
	}
}

/** The server's own reason in a few words: an OData error message, or the start of the text. */
async function errorDetail(response: Response): Promise<string> {
	const body = (await response.text().catch(() => '')).trim();
	try {
		const json = JSON.parse(body) as { 'odata.error'?: { message?: { value?: unknown } } };
		const message = json['odata.error']?.message?.value;
		if (typeof message === 'string') return message.slice(0, 120);
	} catch {
		// not JSON: an HTML or XML error page
	}
	const text = body
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
