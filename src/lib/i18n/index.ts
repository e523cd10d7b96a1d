/**
 * Interface texts in Dutch (default) and English. Components get the translator
 * of the request's locale from context (`useI18n()`), never a global, so that two
 * requests in different languages on one server cannot mix.
 */
import { getContext, setContext } from 'svelte';
import * as about from './messages/about';
import * as area from './messages/area';
import * as auth from './messages/auth';
import * as common from './messages/common';
import * as compare from './messages/compare';
import * as data from './messages/data';
import * as home from './messages/home';
import * as interventions from './messages/interventions';
import * as manageTargets from './messages/manage-targets';
import * as map from './messages/map';
import * as reports from './messages/reports';
import * as targets from './messages/targets';
import type { Locale } from './locale';

export { intlLocale, isLocale, type Locale } from './locale';

/**
 * Each screen keeps its texts in messages/<screen>.ts (nl + en with the same
 * keys); a new screen adds its module here.
 */
const nl = {
	...common.nl,
	...home.nl,
	...about.nl,
	...map.nl,
	...area.nl,
	...targets.nl,
	...manageTargets.nl,
	...interventions.nl,
	...auth.nl,
	...compare.nl,
	...reports.nl,
	...data.nl
};
const en: Record<MessageKey, string> = {
	...common.en,
	...home.en,
	...about.en,
	...map.en,
	...area.en,
	...targets.en,
	...manageTargets.en,
	...interventions.en,
	...auth.en,
	...compare.en,
	...reports.en,
	...data.en
};
export type MessageKey = keyof typeof nl;

const dictionaries: Record<Locale, Record<MessageKey, string>> = { nl, en };

export type Translate = ((key: MessageKey, params?: Record<string, string | number>) => string) & { locale: Locale };

export function translator(locale: Locale): Translate {
	const dict = dictionaries[locale];
	const t = ((key: MessageKey, params?: Record<string, string | number>) => {
		const text = dict[key] ?? nl[key] ?? key;
		return params ? text.replace(/\{(\w+)\}/g, (m, p) => (p in params ? String(params[p]) : m)) : text;
	}) as Translate;
	t.locale = locale;
	return t;
}

const KEY = Symbol('i18n');

/** What components read: `i18n.t(key)`; `t` follows the page's locale reactively. */
export interface I18n {
	readonly t: Translate;
}

export function provideI18n(i18n: I18n) {
	setContext(KEY, i18n);
}

/** The translator of the current page; call during component initialisation. */
export function useI18n(): I18n {
	return getContext<I18n>(KEY) ?? { t: translator('nl') };
}
