import type { Locale } from '$lib/i18n';
import type { Data } from '$lib/server/data/index';

declare global {
	namespace App {
		interface Locals {
			locale: Locale;
			/** The data object (database, suppression rules, cache): see $lib/server/data. */
			data: Data;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
