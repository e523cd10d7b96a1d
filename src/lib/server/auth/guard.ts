/**
 * Who may do what, in one table keyed on SvelteKit's route id, checked for
 * every request by one hook (hooks.ts), before any load, action or endpoint
 * runs. A route without a rule is refused, and tests/db/access-matrix.test.ts
 * fails for any route in src/routes without one: a new route decides here
 * who may use it, or it does not work.
 *
 * Per route: `page` for reading a page (GET/HEAD, including its data
 * requests), `actions` per form action name (POST `?/name`, `default`), and
 * per HTTP method for a `+server.ts` endpoint.
 */
import type { Permission, RoleGrant, Scope } from '../../auth/roles';
import { allows, allowsSomewhere } from '../../auth/roles';

export type Access =
	/** Anyone, without an account. */
	| { public: true }
	/** Any signed-in, active user (their own account, signing out). */
	| { signedIn: true }
	/** A user whose roles allow the permission within the scope taken from the route's parameters. */
	| { permission: Permission; scope?: (params: Record<string, string>) => Scope }
	/**
	 * A user whose roles allow the permission within some scope. For pages whose
	 * items lie in different scopes (targets of several gemeenten): the route
	 * code checks each item it touches with `allows` and the item's own scope.
	 */
	| { permission: Permission; anywhere: true }
	/**
	 * A user whose roles allow one of the permissions within some scope (a
	 * coordinator or a monitor on /beheer/interventies); the route code checks
	 * each item it touches with its own scope.
	 */
	| { anyOf: Permission[]; anywhere: true };

export interface RouteRules {
	page?: Access;
	actions?: Record<string, Access>;
	GET?: Access;
	POST?: Access;
	PUT?: Access;
	PATCH?: Access;
	DELETE?: Access;
}

const PUBLIC: Access = { public: true };
const SIGNED_IN: Access = { signedIn: true };
const USERS: Access = { permission: 'users.manage' };
const AUDIT: Access = { permission: 'audit.read' };
/** A monitor of any gemeente, or national; each target's own gemeente is checked by the page. */
const MONITOR_SOMEWHERE: Access = { permission: 'monitor.manage', anywhere: true };
/** A monitor of the whole country (no gemeente). */
const NATIONAL_MONITOR: Access = { permission: 'monitor.manage' };
/** A coordinator of some focus area or a monitor; each intervention's own area is checked by the page. */
const INTERVENTION_EDITOR: Access = { anyOf: ['area.edit', 'monitor.manage'], anywhere: true };

export const rules: Record<string, RouteRules> = {
	'/': { page: PUBLIC },
	'/gebied/[id]': { page: PUBLIC },
	'/gebied/[id]/csv': { GET: PUBLIC },
	'/kaart': { page: PUBLIC },
	'/over': { page: PUBLIC },
	'/vergelijk': { page: PUBLIC },
	'/vergelijk/tabel': { GET: PUBLIC },
	'/voortgang': { page: PUBLIC },
	'/api/waarden': { GET: PUBLIC },
	'/api/spiraal': { GET: PUBLIC },
	'/tiles/[level]/[z]/[x]/[y]': { GET: PUBLIC },
	'/inloggen': { page: PUBLIC, actions: { default: PUBLIC } },
	'/uitloggen': { page: SIGNED_IN, actions: { default: SIGNED_IN } },
	'/account': { page: SIGNED_IN, actions: { password: SIGNED_IN, endSessions: SIGNED_IN } },
	'/beheer/gebruikers': { page: USERS, actions: { create: USERS } },
	'/beheer/gebruikers/[id]': { page: USERS, actions: { addRole: USERS, removeRole: USERS, deactivate: USERS, activate: USERS, resetPassword: USERS } },
	'/beheer/audit': { page: AUDIT },
	'/beheer/doelen': { page: MONITOR_SOMEWHERE, actions: { save: MONITOR_SOMEWHERE, delete: MONITOR_SOMEWHERE, upload: MONITOR_SOMEWHERE } },
	'/beheer/audit/csv': { GET: AUDIT },
	// Reports: anyone reads what is published; drafts and every step are checked
	// by the report code against the report's own focus area and gemeente
	// (reports/workflow.ts), so the guard lets any active account through.
	'/rapporten': { page: PUBLIC, actions: { open: SIGNED_IN, cadence: NATIONAL_MONITOR } },
	'/rapporten/bundel': { GET: PUBLIC },
	'/rapporten/[id]': {
		page: PUBLIC,
		actions: {
			narrative: SIGNED_IN,
			refresh: SIGNED_IN,
			indienen: SIGNED_IN,
			terugsturen: SIGNED_IN,
			goedkeuren: SIGNED_IN,
			publiceren: SIGNED_IN,
			correct: SIGNED_IN
		}
	},
	'/rapporten/[id]/pdf': { GET: PUBLIC },
	'/rapporten/[id]/csv': { GET: PUBLIC },
	'/rapporten/[id]/verschil': { page: PUBLIC },
	'/beheer/data': {
		page: MONITOR_SOMEWHERE,
		actions: { commit: MONITOR_SOMEWHERE, discard: MONITOR_SOMEWHERE, rollback: MONITOR_SOMEWHERE, fetch: MONITOR_SOMEWHERE }
	},
	'/beheer/data/upload': { POST: MONITOR_SOMEWHERE },
	'/beheer/data/upload/[id]/rapport': { GET: MONITOR_SOMEWHERE },
	'/beheer/interventies': {
		page: INTERVENTION_EDITOR,
		actions: { save: INTERVENTION_EDITOR, delete: INTERVENTION_EDITOR, upload: INTERVENTION_EDITOR }
	}
};

/** Where a user with a one-time password may go: changing it, and signing out. */
const BEFORE_PASSWORD_CHANGE = new Set(['/account page', '/account password', '/uitloggen page', '/uitloggen default']);

export interface Subject {
	grants: RoleGrant[];
	mustChangePassword: boolean;
}

export interface Request {
	routeId: string;
	method: string;
	/** The form action's name for a POST to a page with actions ("default" without one). */
	action: string | null;
	params: Record<string, string>;
}

export type Decision =
	| { allow: true }
	| { allow: false; status: 401 | 403 | 405; reason: string }
	/** A page read that needs an account: to the sign-in page, or to the password change. */
	| { allow: false; status: 303; location: 'login' | 'password' };

/** Which rule applies to a request: an action, a page read, or an endpoint method. */
export function ruleFor(r: RouteRules, method: string, action: string | null): { access: Access | undefined; key: string } {
	if (method === 'POST' && r.actions && action != null) return { access: r.actions[action], key: action };
	if ((method === 'GET' || method === 'HEAD') && r.page) return { access: r.page, key: 'page' };
	const m = (method === 'HEAD' ? 'GET' : method) as keyof Omit<RouteRules, 'page' | 'actions'>;
	return { access: r[m], key: m };
}

export function decide(req: Request, who: Subject | null): Decision {
	const r = rules[req.routeId];
	if (!r) return { allow: false, status: 403, reason: `Geen toegangsregel voor ${req.routeId}` };
	const { access, key } = ruleFor(r, req.method, req.action);
	if (!access) return { allow: false, status: 405, reason: `${req.method} is hier niet toegestaan` };
	if ('public' in access) return { allow: true };
	const page = key === 'page';
	if (!who) return page ? { allow: false, status: 303, location: 'login' } : { allow: false, status: 401, reason: 'Log eerst in.' };
	if (who.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(`${req.routeId} ${key}`)) {
		return page ? { allow: false, status: 303, location: 'password' } : { allow: false, status: 403, reason: 'Wijzig eerst uw eenmalige wachtwoord.' };
	}
	if ('signedIn' in access) return { allow: true };
	if (
		'anyOf' in access
			? access.anyOf.some((p) => allowsSomewhere(who.grants, p))
			: 'anywhere' in access
				? allowsSomewhere(who.grants, access.permission)
				: allows(who.grants, access.permission, access.scope?.(req.params))
	)
		return { allow: true };
	return { allow: false, status: 403, reason: 'U hebt geen rol die dit toestaat.' };
}
