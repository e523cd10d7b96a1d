/**
 * Differences on the map, written with a sign and the right unit: a
 * difference between two percentages is in percentage points ("+5,0
 * procentpunt"), others take the indicator's short unit. Pure.
 */
import type { Locale } from '../i18n';
import { decimalsOf, formatValue, shortUnit, type UnitInfo } from '../indicators/format';

export function formatDifference(d: number | null | undefined, ind: UnitInfo, locale: Locale): string {
	if (d == null || !Number.isFinite(d)) return '–';
	const decimals = decimalsOf(ind);
	// −0,0 and +0,0 read as a difference; a rounded zero is written without sign.
	const rounded = Number(d.toFixed(decimals));
	const n = formatValue(Math.abs(rounded), ind, locale, { unit: false, decimals });
	const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '';
	if (ind.unit === 'x 1 000 euro') return `${sign}${formatValue(Math.abs(rounded), ind, locale)}`;
	const u = ind.unit.startsWith('%') ? (locale === 'nl' ? 'procentpunt' : 'percentage points') : shortUnit(ind, locale);
	return u ? `${sign}${n} ${u}` : `${sign}${n}`;
}
