/**
 * Units as readers see them. The indicator registry states units in Dutch
 * (the source's words); the English interface shows them translated. A unit
 * that is not listed here is shown as the registry has it.
 */
import type { Locale } from '../i18n';

const EN: Record<string, string> = {
	'% van alle inwoners': '% of all inhabitants',
	'% van alle woningen': '% of all dwellings',
	'% van bevolking 15-75 jaar': '% of population aged 15-75',
	'% van inwoners': '% of inhabitants',
	'% van particuliere huishoudens': '% of private households',
	'% van volwassenen 18+': '% of adults 18+',
	'aantal misdrijven': 'number of crimes',
	huishoudens: 'households',
	'index (100 = gemiddelde Rotterdam 2014)': 'index (100 = Rotterdam average 2014)',
	misdrijven: 'crimes',
	'per 1 000 inwoners': 'per 1,000 inhabitants',
	personen: 'persons',
	'x 1 000 euro': '× 1,000 euro'
};

/** The registry's unit in the reader's language. */
export function unitLabel(unit: string, locale: Locale): string {
	return locale === 'en' ? (EN[unit] ?? unit) : unit;
}
