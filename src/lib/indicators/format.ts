/**
 * Number formatting from the indicator registry: every function reads the
 * entry's `format` and `decimals` (registry.ts), never the wording of its
 * unit. Dutch or English separators. Pure; used by tables, legends, charts,
 * summaries and CSV.
 */
import { intlLocale, type Locale } from '../i18n/locale';
import { unitLabel, type FormatFields, type IndicatorEntry } from './registry';

/** One formatter per language and number of decimals: making an Intl.NumberFormat costs far more than using one. */
const formatters = new Map<string, Intl.NumberFormat>();

function number(value: number, locale: Locale, decimals: number): string {
	const key = `${locale}:${decimals}`;
	let f = formatters.get(key);
	if (!f) formatters.set(key, (f = new Intl.NumberFormat(intlLocale(locale), { minimumFractionDigits: decimals, maximumFractionDigits: decimals })));
	return f.format(value);
}

/** Decimals shown for an indicator's values. */
export function decimalsOf(ind: FormatFields): number {
	return ind.decimals;
}

/** The short unit written after a number: "%", "per 1.000", "× € 1.000" or nothing. */
export function shortUnit(ind: FormatFields, locale: Locale): string {
	switch (ind.format) {
		case 'percent':
			return '%';
		case 'per1000':
			return `per ${number(1000, locale, 0)}`;
		case 'euroThousands':
			return `× € ${number(1000, locale, 0)}`;
		default:
			return '';
	}
}

/**
 * "22,5%", "81,0 per 1.000", "52.728", "€ 31.200" (an amount in thousands of
 * euros written out); an en dash for a missing value (never 0). `unit: false`
 * gives the bare number in the registry's unit (thousands for amounts).
 */
export function formatValue(value: number | null | undefined, ind: FormatFields, locale: Locale, opts: { unit?: boolean; decimals?: number } = {}): string {
	if (value == null || !Number.isFinite(value)) return '–';
	const n = number(value, locale, opts.decimals ?? ind.decimals);
	if (opts.unit === false) return n;
	if (ind.format === 'euroThousands') return `€ ${number(value * 1000, locale, 0)}`;
	const u = shortUnit(ind, locale);
	if (!u) return n;
	return ind.format === 'percent' ? `${n}${u}` : `${n} ${u}`;
}

/** Whether the unit is a symbol that fits on every number ("%", "€"), as on chart ticks and legends. */
export function hasSymbolUnit(ind: FormatFields): boolean {
	return ind.format === 'percent' || ind.format === 'euroThousands';
}

const POINTS = {
	percent: { nl: ['procentpunt', 'procentpunt'], en: ['percentage point', 'percentage points'] },
	index: { nl: ['punt', 'punten'], en: ['point', 'points'] }
} as const;

/**
 * A difference in the indicator's unit: "0,9 procentpunt", "3,2 per 1.000",
 * "€ 1.200", "4 punten", "120". With `sign`, "+" or "−" before it unless it
 * rounds to zero; with `unit: false`, the bare number (the unit stands
 * elsewhere, see `differenceUnit`). An en dash when unknown.
 */
export function formatDifference(d: number | null | undefined, ind: FormatFields, locale: Locale, opts: { sign?: boolean; unit?: boolean } = {}): string {
	if (d == null || !Number.isFinite(d)) return '–';
	const abs = Math.abs(d);
	const bare = formatValue(abs, ind, locale, { unit: false });
	let text: string;
	if (opts.unit === false) text = bare;
	else if (ind.format === 'percent' || ind.format === 'index') text = `${bare} ${POINTS[ind.format][locale][/^1([.,]0*)?$/.test(bare) ? 0 : 1]}`;
	else text = formatValue(abs, ind, locale);
	// A difference that rounds to zero as written gets no sign.
	const digits = ind.format === 'euroThousands' && opts.unit !== false ? number(abs * 1000, locale, 0) : bare;
	if (!opts.sign || !/[1-9]/.test(digits)) return text;
	return `${d > 0 ? '+' : '−'}${text}`;
}

/** The unit of a difference in words: "procentpunt" for percentages, otherwise the indicator's unit. */
export function differenceUnit(ind: FormatFields & Pick<IndicatorEntry, 'unit' | 'unitEn'>, locale: Locale): string {
	return ind.format === 'percent' ? POINTS.percent[locale][1] : unitLabel(ind, locale);
}

export function formatInteger(value: number | null | undefined, locale: Locale): string {
	if (value == null || !Number.isFinite(value)) return '–';
	return number(value, locale, 0);
}

/** A share 0–1 as a percentage without decimals ("87%"); with `sign`, "+29%" or "−3%" unless it rounds to zero. */
export function formatShare(share: number | null | undefined, locale: Locale, opts: { sign?: boolean } = {}): string {
	if (share == null || !Number.isFinite(share)) return '–';
	if (!opts.sign) return `${number(share * 100, locale, 0)}%`;
	const text = `${number(Math.abs(share) * 100, locale, 0)}%`;
	return /[1-9]/.test(text) ? `${share > 0 ? '+' : '−'}${text}` : text;
}
