/**
 * Sign-in and sessions with better-auth over our own tables (schema/auth.ts),
 * on both engines through the drizzle adapter. No sign-up, no mail: an
 * administrator creates users with a one-time password (users.ts).
 *
 * better-auth's HTTP routes (/api/auth/*) are not mounted: the sign-in form
 * action hands the request to `auth.handler` itself, so the library's rate
 * limiter (stored in the database) applies, with the client address SvelteKit
 * saw rather than a header a client could forge.
 */
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { parseSetCookieHeader } from 'better-auth/cookies';
import type { Cookies } from '@sveltejs/kit';
import type { Database } from '../db/index';
import { account, rateLimit, session, user, verification } from '../db/schema/auth';
import { config, sessionSecret } from '../env';

/** A session lasts a working day and is extended while in use (at most once an hour). */
export const SESSION_SECONDS = 8 * 60 * 60;
/** Sign-in attempts per client address: at most this many per window, then 429 until the window has passed. */
export const LOGIN_LIMIT = { max: 10, window: 5 * 60 };
/** The header through which the sign-in action passes the client address to the rate limiter. */
const CLIENT_IP_HEADER = 'x-wam-client-ip';
/** Internal address of better-auth's handler; never reached over the network. */
const BASE_PATH = '/api/auth';

function createAuth(db: Database) {
	const c = config();
	const origin = c.origin ?? 'http://localhost';
	return betterAuth({
		appName: 'Wijkaanpak monitor',
		baseURL: origin,
		basePath: BASE_PATH,
		secret: sessionSecret(c).value,
		database: drizzleAdapter(db.db, { provider: 'pg', schema: { user, session, account, verification, rateLimit } }),
		emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 12, maxPasswordLength: 128 },
		user: {
			additionalFields: {
				mustChangePassword: { type: 'boolean', required: false, defaultValue: true, input: false },
				active: { type: 'boolean', required: false, defaultValue: true, input: false }
			}
		},
		session: { expiresIn: SESSION_SECONDS, updateAge: 60 * 60 },
		rateLimit: {
			enabled: true,
			storage: 'database',
			window: 60,
			max: 100,
			customRules: { '/sign-in/email': LOGIN_LIMIT }
		},
		databaseHooks: {
			session: {
				create: {
					// A deactivated user gets no session, whatever the password.
					before: async (s) => {
						const found = await db.db.query.user.findFirst({ where: (u, { eq }) => eq(u.id, s.userId), columns: { active: true } });
						return found?.active ? undefined : false;
					}
				}
			}
		},
		advanced: {
			cookiePrefix: 'wam',
			useSecureCookies: origin.startsWith('https:'),
			ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] }
		},
		telemetry: { enabled: false }
	});
}

export type Auth = ReturnType<typeof createAuth>;

const instances = new WeakMap<Database, Auth>();

/** The auth instance over one database (one per database handle). */
export function authFor(db: Database): Auth {
	let a = instances.get(db);
	if (!a) {
		a = createAuth(db);
		instances.set(db, a);
	}
	return a;
}

export type SignInResult = { ok: true; headers: Headers } | { ok: false; status: 401 | 403 | 429; retryAfter?: number };

/**
 * Checks e-mail and password through better-auth's own sign-in route, so that
 * its database-backed rate limit counts the attempt. The caller copies the
 * returned cookies onto the response (`applyCookies`).
 */
export async function signIn(db: Database, input: { email: string; password: string; clientAddress: string; userAgent: string | null }): Promise<SignInResult> {
	const a = authFor(db);
	const base = new URL(a.options.baseURL as string);
	const res = await a.handler(
		new Request(new URL(`${BASE_PATH}/sign-in/email`, base), {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				origin: base.origin,
				[CLIENT_IP_HEADER]: input.clientAddress,
				...(input.userAgent ? { 'user-agent': input.userAgent } : {})
			},
			body: JSON.stringify({ email: input.email, password: input.password, rememberMe: false })
		})
	);
	if (res.ok) return { ok: true, headers: res.headers };
	if (res.status === 429) return { ok: false, status: 429, retryAfter: Number(res.headers.get('x-retry-after')) || LOGIN_LIMIT.window };
	return { ok: false, status: res.status === 403 ? 403 : 401 };
}

/**
 * Copies better-auth's Set-Cookie headers onto SvelteKit's cookies. `Secure`
 * follows the request's protocol: over plain http (a local install) a secure
 * cookie would be dropped by the browser and nobody could stay signed in.
 */
export function applyCookies(headers: Headers, cookies: Cookies, https: boolean): void {
	for (const line of headers.getSetCookie()) {
		for (const [name, a] of parseSetCookieHeader(line)) {
			cookies.set(name, a.value, {
				path: a.path || '/',
				httpOnly: a.httponly ?? true,
				sameSite: 'lax',
				secure: https || name.startsWith('__Secure-'),
				...(a['max-age'] != null ? { maxAge: Number(a['max-age']) } : {}),
				...(a.expires ? { expires: a.expires } : {})
			});
		}
	}
}

/** Removes better-auth's cookies (session token and its companions) from the browser. */
export function clearAuthCookies(cookies: Cookies, https: boolean): void {
	for (const { name } of cookies.getAll()) {
		if (name.startsWith('wam.') || name.startsWith('__Secure-wam.')) cookies.delete(name, { path: '/', secure: https || name.startsWith('__Secure-') });
	}
}
