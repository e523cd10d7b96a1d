/**
 * Role × route matrix, on both engines, through the real SvelteKit app (Vite's
 * dev server in this process, so the test counts rows in the very database the
 * app writes to).
 *
 * 1. The route tree: every page and endpoint under src/routes (and each of its
 *    form actions and HTTP methods) has a rule in the guard, every rule has a
 *    route, and every rule has a case below. A new route without a rule, or a
 *    rule without a case, fails here.
 * 2. Every case is requested as every kind of user: allowed combinations
 *    succeed; all others are refused (401/403, or a page read sent to sign in)
 *    and change nothing (row counts of the account tables and the audit log).
 *
 * The users are synthetic, made by the code under test.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/index';
import type { RouteRules } from '../../src/lib/server/auth/guard';
import { createTestDatabase, engines, type TestDatabase } from './engines';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ROUTES = path.join(ROOT, 'src/routes');

type Subject = 'anon' | 'pending' | 'coordinator' | 'wethouder' | 'monitor' | 'monitorGemeente' | 'beheerder';
const EVERYONE: Subject[] = ['anon', 'pending', 'coordinator', 'wethouder', 'monitor', 'monitorGemeente', 'beheerder'];
const SIGNED_IN = EVERYONE.filter((s) => s !== 'anon');
const ACTIVE = SIGNED_IN.filter((s) => s !== 'pending');

interface Context {
	targetUserId: string;
	/** A role of the target user that can be revoked (made fresh for each request). */
	freshRoleId: () => Promise<number>;
	n: number;
}

interface Case {
	route: string;
	/** "page", an action name, or an HTTP method of an endpoint. */
	key: string;
	path: (c: Context) => string;
	allowed: Subject[];
	body?: (c: Context) => Promise<Record<string, string>> | Record<string, string>;
	/** An allowed request writes exactly one audit row. */
	writes?: boolean;
}

const cases: Case[] = [
	{ route: '/', key: 'page', path: () => '/', allowed: EVERYONE },
	{ route: '/gebied/[id]', key: 'page', path: () => '/gebied/nprz-bloemhof', allowed: EVERYONE },
	{ route: '/gebied/[id]/csv', key: 'GET', path: () => '/gebied/nprz-bloemhof/csv', allowed: EVERYONE },
	{ route: '/kaart', key: 'page', path: () => '/kaart', allowed: EVERYONE },
	{ route: '/over', key: 'page', path: () => '/over', allowed: EVERYONE },
	{ route: '/vergelijk', key: 'page', path: () => '/vergelijk?set=nprz', allowed: EVERYONE },
	{ route: '/voortgang', key: 'page', path: () => '/voortgang?programma=NPRZ', allowed: EVERYONE },
	{ route: '/vergelijk/tabel', key: 'GET', path: () => '/vergelijk/tabel?set=nprz&formaat=json', allowed: EVERYONE },
	{ route: '/api/waarden', key: 'GET', path: () => '/api/waarden', allowed: EVERYONE },
	{ route: '/api/spiraal', key: 'GET', path: () => '/api/spiraal?niveau=wijk&gemeente=GM0599&spiraal=3', allowed: EVERYONE },
	{ route: '/tiles/[level]/[z]/[x]/[y]', key: 'GET', path: () => '/tiles/buurt/10/525/336', allowed: EVERYONE },
	{ route: '/inloggen', key: 'page', path: () => '/inloggen', allowed: EVERYONE },
	{
		route: '/inloggen',
		key: 'default',
		path: () => '/inloggen',
		allowed: EVERYONE,
		body: () => ({ email: 'niemand@example.org', password: 'fout-wachtwoord' })
	},
	{ route: '/account', key: 'page', path: () => '/account', allowed: SIGNED_IN },
	{
		route: '/account',
		key: 'password',
		path: () => '/account?/password',
		allowed: SIGNED_IN,
		body: () => ({ current: 'niet-het-huidige', next: 'een-nieuw-wachtwoord-1', repeat: 'een-nieuw-wachtwoord-1' })
	},
	{ route: '/account', key: 'endSessions', path: () => '/account?/endSessions', allowed: ACTIVE, body: () => ({}), writes: true },
	{ route: '/beheer/gebruikers', key: 'page', path: () => '/beheer/gebruikers', allowed: ['beheerder'] },
	{
		route: '/beheer/gebruikers',
		key: 'create',
		path: () => '/beheer/gebruikers?/create',
		allowed: ['beheerder'],
		writes: true,
		body: (c) => ({ email: `nieuw-${c.n}@example.org`, name: 'Nieuw', role: 'monitor', gemeenteCode: '', focusAreaId: '' })
	},
	{ route: '/beheer/gebruikers/[id]', key: 'page', path: (c) => `/beheer/gebruikers/${c.targetUserId}`, allowed: ['beheerder'] },
	{
		route: '/beheer/gebruikers/[id]',
		key: 'addRole',
		path: (c) => `/beheer/gebruikers/${c.targetUserId}?/addRole`,
		allowed: ['beheerder'],
		writes: true,
		body: () => ({ role: 'beheerder', gemeenteCode: '', focusAreaId: '' })
	},
	{
		route: '/beheer/gebruikers/[id]',
		key: 'removeRole',
		path: (c) => `/beheer/gebruikers/${c.targetUserId}?/removeRole`,
		allowed: ['beheerder'],
		writes: true,
		body: async (c) => ({ roleId: String(await c.freshRoleId()) })
	},
	{
		route: '/beheer/gebruikers/[id]',
		key: 'deactivate',
		path: (c) => `/beheer/gebruikers/${c.targetUserId}?/deactivate`,
		allowed: ['beheerder'],
		writes: true,
		body: () => ({})
	},
	{
		route: '/beheer/gebruikers/[id]',
		key: 'activate',
		path: (c) => `/beheer/gebruikers/${c.targetUserId}?/activate`,
		allowed: ['beheerder'],
		writes: true,
		body: () => ({})
	},
	{
		route: '/beheer/gebruikers/[id]',
		key: 'resetPassword',
		path: (c) => `/beheer/gebruikers/${c.targetUserId}?/resetPassword`,
		allowed: ['beheerder'],
		writes: true,
		body: () => ({})
	},
	{ route: '/beheer/audit', key: 'page', path: () => '/beheer/audit', allowed: ['beheerder', 'monitor', 'monitorGemeente'] },
	{ route: '/beheer/audit/csv', key: 'GET', path: () => '/beheer/audit/csv', allowed: ['beheerder', 'monitor', 'monitorGemeente'] },
	// The database holds no areas here: an allowed save or upload is refused for its content (400), an allowed delete finds nothing (404).
	{ route: '/beheer/doelen', key: 'page', path: () => '/beheer/doelen', allowed: ['monitor', 'monitorGemeente'] },
	{
		route: '/beheer/doelen',
		key: 'save',
		path: () => '/beheer/doelen?/save',
		allowed: ['monitor', 'monitorGemeente'],
		body: () => ({
			mode: 'create',
			id: 'test-matrix',
			gebied: 'nprz-bloemhof',
			indicator: 'obesitas_pct',
			soort: 'waarde',
			doelwaarde: '15',
			referentie: '',
			basisjaar: '2016',
			doeljaar: '2030',
			bron: 'Testdoel (verzonnen)',
			bron_url: '',
			vastgesteld_door: 'test',
			vastgesteld_op: '2026'
		})
	},
	{
		route: '/beheer/doelen',
		key: 'delete',
		path: () => '/beheer/doelen?/delete',
		allowed: ['monitor', 'monitorGemeente'],
		body: () => ({ id: 'test-matrix' })
	},
	{ route: '/beheer/doelen', key: 'upload', path: () => '/beheer/doelen?/upload', allowed: ['monitor', 'monitorGemeente'], body: () => ({ bestand: '' }) },
	// Reports: the database holds no areas and no reports here. An allowed open or cadence is refused for its
	// content (400); every report route answers 404 (a step on a report that is not there is no refusal).
	{ route: '/rapporten', key: 'page', path: () => '/rapporten', allowed: EVERYONE },
	{ route: '/rapporten', key: 'open', path: () => '/rapporten?/open', allowed: ACTIVE, body: () => ({ gebied: 'nprz-bloemhof', periode: '2026-H2' }) },
	{ route: '/rapporten', key: 'cadence', path: () => '/rapporten?/cadence', allowed: ['monitor'], body: () => ({ programma: 'NPLV', periode: 'kwartaal' }) },
	{ route: '/rapporten/bundel', key: 'GET', path: () => '/rapporten/bundel?programma=NPLV&periode=2026-H2', allowed: EVERYONE },
	{ route: '/rapporten/[id]', key: 'page', path: () => '/rapporten/1', allowed: EVERYONE },
	...(['narrative', 'refresh', 'indienen', 'terugsturen', 'goedkeuren', 'publiceren', 'correct'] as const).map((key) => ({
		route: '/rapporten/[id]',
		key,
		path: () => `/rapporten/1?/${key}`,
		allowed: ACTIVE,
		body: () => ({ toelichting: 'tekst' })
	})),
	{ route: '/rapporten/[id]/pdf', key: 'GET', path: () => '/rapporten/1/pdf', allowed: EVERYONE },
	{ route: '/rapporten/[id]/csv', key: 'GET', path: () => '/rapporten/1/csv', allowed: EVERYONE },
	{ route: '/rapporten/[id]/verschil', key: 'page', path: () => '/rapporten/1/verschil?met=2', allowed: EVERYONE },
	// Interventions: a coordinator (their own focus area) or a monitor; with no areas here a save is refused for its content, a delete finds nothing.
	{ route: '/beheer/interventies', key: 'page', path: () => '/beheer/interventies', allowed: ['coordinator', 'monitor', 'monitorGemeente'] },
	{
		route: '/beheer/interventies',
		key: 'save',
		path: () => '/beheer/interventies?/save',
		allowed: ['coordinator', 'monitor', 'monitorGemeente'],
		body: () => ({
			mode: 'create',
			id: 'test-matrix',
			gebied: 'nprz-bloemhof',
			titel: 'Testinterventie (matrix)',
			omschrijving: '',
			thema: 'gezondheid',
			programma: 'NPRZ',
			start: '2024-01-01',
			eind: '',
			budget: '',
			link: ''
		})
	},
	{
		route: '/beheer/interventies',
		key: 'delete',
		path: () => '/beheer/interventies?/delete',
		allowed: ['coordinator', 'monitor', 'monitorGemeente'],
		body: () => ({ id: 'test-matrix' })
	},
	{
		route: '/beheer/interventies',
		key: 'upload',
		path: () => '/beheer/interventies?/upload',
		allowed: ['coordinator', 'monitor', 'monitorGemeente'],
		body: () => ({ bestand: '' })
	},
	// Loading data: monitors only. With no upload and no batch here, an allowed commit or rollback finds nothing
	// (404), a discard goes back to the page, a body that is no known kind of file is refused for its content (415).
	{ route: '/beheer/data', key: 'page', path: () => '/beheer/data', allowed: ['monitor', 'monitorGemeente'] },
	{ route: '/beheer/data', key: 'commit', path: () => '/beheer/data?/commit', allowed: ['monitor', 'monitorGemeente'], body: () => ({ id: '0'.repeat(24) }) },
	{ route: '/beheer/data', key: 'discard', path: () => '/beheer/data?/discard', allowed: ['monitor', 'monitorGemeente'], body: () => ({ id: '0'.repeat(24) }) },
	// Fetching from CBS: this machine has no connection (and the test points CBS at a closed port), so an allowed one is told so (503).
	{
		route: '/beheer/data',
		key: 'fetch',
		path: () => '/beheer/data?/fetch',
		allowed: ['monitor', 'monitorGemeente'],
		body: () => ({ jaar: '2023', gemeente: 'GM0599' })
	},
	{ route: '/beheer/data', key: 'rollback', path: () => '/beheer/data?/rollback', allowed: ['monitor', 'monitorGemeente'], body: () => ({ batch: '999' }) },
	{
		route: '/beheer/data/upload',
		key: 'POST',
		path: () => '/beheer/data/upload?naam=matrix.txt&soort=auto',
		allowed: ['monitor', 'monitorGemeente'],
		body: () => ({ geen: 'tabel' })
	},
	{
		route: '/beheer/data/upload/[id]/rapport',
		key: 'GET',
		path: () => `/beheer/data/upload/${'0'.repeat(24)}/rapport`,
		allowed: ['monitor', 'monitorGemeente']
	},
	// Last: signing out ends the subject's session.
	{ route: '/uitloggen', key: 'page', path: () => '/uitloggen', allowed: SIGNED_IN },
	{ route: '/uitloggen', key: 'default', path: () => '/uitloggen', allowed: SIGNED_IN, writes: true, body: () => ({}) }
];

/** Route ids of the tree, with the files that make each (SvelteKit's own naming: groups in parentheses vanish). */
function routeTree(dir = ROUTES): Map<string, string[]> {
	const out = new Map<string, string[]>();
	const walk = (d: string) => {
		for (const name of readdirSync(d)) {
			const full = path.join(d, name);
			if (statSync(full).isDirectory()) walk(full);
			else if (/^\+(page|page\.server|server)\.(ts|js|svelte)$/.test(name)) {
				const rel = path
					.relative(dir, d)
					.split(path.sep)
					.filter((s) => s && !/^\(.*\)$/.test(s));
				const id = '/' + rel.join('/');
				out.set(id, [...(out.get(id) ?? []), name]);
			}
		}
	};
	walk(dir);
	return out;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const TABLES = ['user', 'user_role', 'session', 'account', 'audit_event'] as const;

describe.each(engines())('access matrix on %s', (engine) => {
	let server: ViteDevServer;
	let base: string;
	let db: Database;
	let pgTest: TestDatabase | null = null;
	let dataDir: string | null = null;
	let rules: Record<string, RouteRules>;
	const cookies = new Map<Subject, string>();
	let ctx: Context;

	const counts = async () => {
		const out: Record<string, number> = {};
		for (const t of TABLES) out[t] = Number((await db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(t)}`))[0].n);
		return out;
	};

	beforeAll(async () => {
		const env: Record<string, string | undefined> = {
			AUTO_IMPORT: 'false',
			DATABASE_URL: undefined,
			PGLITE_DATA_DIR: undefined,
			ORIGIN: undefined,
			// Fetching from CBS goes to a closed port: offline at once, whatever the machine's network.
			CBS_ODATA_URL: 'http://127.0.0.1:9/ODataApi/OData'
		};
		if (engine === 'postgres') {
			pgTest = await createTestDatabase('postgres');
			env.DATABASE_URL = pgTest.url;
		} else {
			dataDir = mkdtempSync(path.join(os.tmpdir(), 'wam-matrix-'));
			env.PGLITE_DATA_DIR = path.join(dataDir, 'pglite');
		}
		for (const [k, v] of Object.entries(env)) {
			if (v === undefined) delete process.env[k];
			else process.env[k] = v;
		}
		server = await createServer({
			root: ROOT,
			configFile: path.join(ROOT, 'vite.config.ts'),
			server: { port: 0, host: '127.0.0.1', hmr: false, watch: null },
			logLevel: 'error'
		});
		await server.listen();
		base = `http://127.0.0.1:${(server.httpServer!.address() as { port: number }).port}`;
		// The app's own modules, as the server runs them: same database handle, same rules.
		const app = await server.ssrLoadModule('/src/lib/server/startup.ts');
		db = (await app.serverData()).database;
		rules = (await server.ssrLoadModule('/src/lib/server/auth/guard.ts')).rules;
		const users = await server.ssrLoadModule('/src/lib/server/auth/users.ts');
		const auth = await server.ssrLoadModule('/src/lib/server/auth/index.ts');
		const cli = { id: null, email: 'test (synthetisch)' };
		const grants: Record<Exclude<Subject, 'anon'>, object[]> = {
			pending: [{ role: 'beheerder', gemeenteCode: null, focusAreaId: null }],
			coordinator: [{ role: 'coordinator', gemeenteCode: null, focusAreaId: 'nprz-bloemhof' }],
			wethouder: [{ role: 'wethouder', gemeenteCode: 'GM0599', focusAreaId: null }],
			monitor: [{ role: 'monitor', gemeenteCode: null, focusAreaId: null }],
			monitorGemeente: [{ role: 'monitor', gemeenteCode: 'GM0599', focusAreaId: null }],
			beheerder: [{ role: 'beheerder', gemeenteCode: null, focusAreaId: null }]
		};
		let ip = 1;
		for (const [subject, roles] of Object.entries(grants)) {
			const { user, oneTimePassword } = await users.createUser(db, cli, { email: `${subject}@example.org`, name: subject, roles });
			let password = oneTimePassword;
			if (subject !== 'pending') {
				password = `eigen-wachtwoord-${subject}`;
				const first = await auth.signIn(db, { email: user.email, password: oneTimePassword, clientAddress: `10.1.0.${ip++}`, userAgent: null });
				const s = await auth.authFor(db).api.getSession({ headers: new Headers({ cookie: cookieOf(first.headers) }) });
				await users.changeOwnPassword(db, user, { current: oneTimePassword, next: password, sessionId: s.session.id });
			}
			const signed = await auth.signIn(db, { email: user.email, password, clientAddress: `10.1.0.${ip++}`, userAgent: null });
			expect(signed.ok).toBe(true);
			cookies.set(subject as Subject, cookieOf(signed.headers));
		}
		const target = await users.createUser(db, cli, { email: 'doel@example.org', name: 'Doel', roles: [] });
		let n = 0;
		ctx = {
			targetUserId: target.user.id,
			freshRoleId: async () => {
				const u = await users.addRole(db, cli, target.user.id, { role: 'wethouder', gemeenteCode: `GM9${String(n++).padStart(3, '0')}`, focusAreaId: null });
				return u.roles.at(-1).id;
			},
			get n() {
				return n++;
			}
		};
	}, 600_000);

	afterAll(async () => {
		await db?.close();
		await server?.close();
		await pgTest?.drop();
		if (dataDir) rmSync(dataDir, { recursive: true, force: true });
	});

	it('has a rule for every route, action and method in src/routes, and a case for every rule', async () => {
		const tree = routeTree();
		expect([...tree.keys()].sort()).toEqual(Object.keys(rules).sort());
		const needed: string[] = [];
		for (const [id, files] of tree) {
			const r = rules[id];
			const dir = path.join('/src/routes', id);
			if (files.some((f) => f.startsWith('+page'))) {
				expect(r.page, `${id}: page rule`).toBeDefined();
				needed.push(`${id} page`);
			}
			const pageServer = files.find((f) => f.startsWith('+page.server'));
			const actions = pageServer ? Object.keys((await server.ssrLoadModule(path.join(dir, pageServer))).actions ?? {}) : [];
			expect(Object.keys(r.actions ?? {}).sort(), `${id}: action rules`).toEqual(actions.sort());
			needed.push(...actions.map((a) => `${id} ${a}`));
			const endpoint = files.find((f) => f.startsWith('+server'));
			const methods = endpoint
				? Object.keys(await server.ssrLoadModule(path.join(dir, endpoint))).filter((k) => (METHODS as readonly string[]).includes(k))
				: [];
			for (const m of METHODS) expect(Boolean(r[m]), `${id}: ${m} rule`).toBe(methods.includes(m));
			needed.push(...methods.map((m) => `${id} ${m}`));
		}
		expect(cases.map((c) => `${c.route} ${c.key}`).sort()).toEqual(needed.sort());
	});

	it('refuses a signed-in write from another origin, and changes nothing', async () => {
		const before = await counts();
		const res = await fetch(base + '/beheer/gebruikers?/create', {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.get('beheerder')! },
			body: new URLSearchParams({ email: 'csrf@example.org', name: 'CSRF', role: '' })
		});
		expect(res.status).toBe(403);
		expect(await counts()).toEqual(before);
	});

	it.each(cases.map((c) => [`${c.key} ${c.route}`, c] as const))('%s: allowed roles succeed, everyone else is refused and changes nothing', async (_, c) => {
		const problems: string[] = [];
		for (const subject of EVERYONE) {
			const body = c.body ? new URLSearchParams(await c.body(ctx)) : undefined;
			const before = await counts();
			const res = await fetch(base + c.path(ctx), {
				method: body ? 'POST' : 'GET',
				redirect: 'manual',
				headers: {
					origin: base,
					accept: 'text/html',
					...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
					...(cookies.has(subject) ? { cookie: cookies.get(subject)! } : {})
				},
				body
			});
			await res.arrayBuffer();
			const location = res.headers.get('location') ?? '';
			const sentAway =
				res.status === 303 && (location.startsWith('/inloggen?naar=') || (subject === 'pending' && location === '/account' && c.route !== '/inloggen'));
			const refused = res.status === 401 || res.status === 403 || sentAway;
			const after = await counts();
			const allowed = c.allowed.includes(subject);
			if (allowed && refused) problems.push(`${subject}: refused (${res.status} ${location})`);
			// 503 is the app's own answer while the database holds no data (AUTO_IMPORT is off here).
			if (allowed && res.status >= 500 && res.status !== 503) problems.push(`${subject}: server error ${res.status}`);
			if (!allowed && !refused) problems.push(`${subject}: not refused (${res.status} ${location})`);
			if (!allowed && JSON.stringify(after) !== JSON.stringify(before))
				problems.push(`${subject}: refused but changed ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
			if (allowed && c.writes && after.audit_event !== before.audit_event + 1)
				problems.push(`${subject}: ${after.audit_event - before.audit_event} audit rows`);
			if (allowed && !c.writes && c.route !== '/inloggen' && after.audit_event !== before.audit_event) problems.push(`${subject}: a read wrote audit rows`);
		}
		expect(problems).toEqual([]);
	});
});

function cookieOf(headers: Headers): string {
	return headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
}
