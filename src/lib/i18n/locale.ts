/**
 * The interface languages and how each is written by `Intl` (number and date
 * formats). Pure and free of Svelte, so server modules and scripts can use it.
 */
export type Locale = 'nl' | 'en';

export function isLocale(v: unknown): v is Locale {
	return v === 'nl' || v === 'en';
}

/** The `Intl` locale of an interface language: Dutch separators (1.234,5) or British English (1,234.5). */
export function intlLocale(locale: Locale): 'nl-NL' | 'en-GB' {
	return locale === 'nl' ? 'nl-NL' : 'en-GB';
}

/** The header a request names its language in for itself alone, without the cookie ?lang= sets (the report's PDF asks for its page in Dutch). */
export const LOCALE_HEADER = 'x-taal';
