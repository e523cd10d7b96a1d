import type { Locale } from '$lib/i18n';
import type { Data } from '$lib/server/data/index';
import type { RoleGrant } from '$lib/auth/roles';

declare global {
	namespace App {
		interface Locals {
			locale: Locale;
			/** The data object (database, suppression rules, cache): see $lib/server/data. */
			data: Data;
			/** The signed-in user with their roles, or null (set by the auth hook). */
			user: { id: string; email: string; name: string; mustChangePassword: boolean; grants: RoleGrant[] } | null;
			/** Id of the current session (not its token), for "end my other sessions". */
			sessionId: string | null;
		}
		/** adapter-node passes the Node request (its socket tells when the client has gone: $lib/server/client). */
		interface Platform {
			req?: import('node:http').IncomingMessage;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
