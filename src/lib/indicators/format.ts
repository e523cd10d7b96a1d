/**
 * Number formatting from the indicator registry: decimals and unit per kind,
 * Dutch or English separators. Pure; used by tables, legends, charts and CSV.
 */
import type { Locale } from '../i18n';

export interface UnitInfo {
	unit: string;
	kind: 'count' | 'rate' | 'currency' | 'index';
}

const intlLocale = (l: Locale) => (l === 'nl' ? 'nl-NL' : 'en-GB');

/** Decimals shown for an indicator's values. */
export function decimalsOf(ind: UnitInfo): number {
	if (ind.kind === 'count') return 0;
	if (ind.kind === 'currency') return 0;
	if (ind.kind === 'index') return 0;
	return 1;
}

/** The short unit written after a number: "%", "per 1 000", "× € 1 000" or nothing. */
export function shortUnit(ind: UnitInfo, locale: Locale): string {
	const u = ind.unit;
	if (u.startsWith('%')) return '%';
	if (u.startsWith('per 1 000')) return locale === 'nl' ? 'per 1.000' : 'per 1,000';
	if (u === 'x 1 000 euro') return locale === 'nl' ? '× € 1.000' : '× € 1,000';
	return '';
}

/** "22,5%", "81,0 per 1.000", "52.728"; an en dash for a missing value (never 0). */
export function formatValue(value: number | null | undefined, ind: UnitInfo, locale: Locale, opts: { unit?: boolean; decimals?: number } = {}): string {
	if (value == null || !Number.isFinite(value)) return '–';
	const decimals = opts.decimals ?? decimalsOf(ind);
	const n = new Intl.NumberFormat(intlLocale(locale), { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
	if (opts.unit === false) return n;
	if (ind.unit === 'x 1 000 euro') {
		// Published in thousands of euros: written out as an amount ("€ 31.000").
		return `€ ${new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 0 }).format(value * 1000)}`;
	}
	const u = shortUnit(ind, locale);
	if (!u) return n;
	return u === '%' ? `${n}%` : `${n} ${u}`;
}

export function formatInteger(value: number | null | undefined, locale: Locale): string {
	if (value == null || !Number.isFinite(value)) return '–';
	return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 0 }).format(value);
}

/** A share 0–1 as a percentage without decimals ("87%"). */
export function formatShare(share: number | null | undefined, locale: Locale): string {
	if (share == null || !Number.isFinite(share)) return '–';
	return `${new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 0 }).format(share * 100)}%`;
}
