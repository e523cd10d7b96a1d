/**
 * The indicator registry as the pages see it: one entry per indicator, read
 * from the `indicator` table. What an indicator is comes from the package's
 * indicators.csv (labels, unit, kind, direction, theme); how its numbers are
 * written and where its theme stands comes from the project's
 * geodata/indicator-rules.json (`units`: number format, decimals and the
 * English unit; `themes`: order and names), joined at import. Nothing here
 * looks at a unit's wording: a new unit or theme is a data change only.
 * Pure and browser-safe.
 */
import type { Locale } from '../i18n/locale';

/** What an indicator counts, for aggregation and gaps: summed counts, weighted rates, amounts and indices. */
export const INDICATOR_KINDS = ['count', 'rate', 'currency', 'index'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/**
 * How a value is written:
 * - `percent`: "22,5%"; differences in percentage points; a rate on 100;
 * - `per1000`: "81,0 per 1.000"; a rate on 1 000;
 * - `euroThousands`: published in thousands of euros, written out as "€ 31.200";
 * - `count`: a plain number;
 * - `index`: a plain number, differences in points.
 */
export const NUMBER_FORMATS = ['percent', 'per1000', 'euroThousands', 'count', 'index'] as const;
export type NumberFormat = (typeof NUMBER_FORMATS)[number];

/** One indicator of the registry: everything needed to label, format and place its values. */
export interface IndicatorEntry {
	key: string;
	labelNl: string;
	labelEn: string;
	/** The unit in the source's (Dutch) words, e.g. "% van volwassenen 18+". */
	unit: string;
	unitEn: string;
	format: NumberFormat;
	/** Decimals shown for values (and differences) of this indicator. */
	decimals: number;
	kind: IndicatorKind;
	/** true: higher is better; false: lower is better; null: neither. */
	higherIsBetter: boolean | null;
	/** Model-based estimates (RIVM): say so wherever a value is shown. */
	estimate: boolean;
	theme: string;
	/** Position of the theme on the pages, ascending. */
	themeOrder: number;
	themeNl: string;
	themeEn: string;
}

/** The fields that decide how a number is written. */
export type FormatFields = Pick<IndicatorEntry, 'format' | 'decimals'>;

/** The fields that place an indicator under its theme. */
export type ThemeFields = Pick<IndicatorEntry, 'theme' | 'themeOrder' | 'themeNl' | 'themeEn'>;

/** The registry fields of a row (e.g. a database row with more columns). */
export function registryEntry(row: IndicatorEntry): IndicatorEntry {
	const { key, labelNl, labelEn, unit, unitEn, format, decimals, kind, higherIsBetter, estimate, theme, themeOrder, themeNl, themeEn } = row;
	return { key, labelNl, labelEn, unit, unitEn, format, decimals, kind, higherIsBetter, estimate, theme, themeOrder, themeNl, themeEn };
}

type Bilingual<F extends string, V extends string | null> = Record<`${F}Nl` | `${F}En`, V>;

/**
 * The Dutch or English text of a bilingual field: `localized(ind, 'label', 'en')`
 * reads `labelEn`; likewise 'definition' and 'theme', and a focus area's
 * 'notes' (null where it has none).
 */
export function localized<F extends string>(x: Bilingual<F, string>, field: F, locale: Locale): string;
export function localized<F extends string>(x: Bilingual<F, string | null>, field: F, locale: Locale): string | null;
export function localized<F extends string>(x: Bilingual<F, string | null>, field: F, locale: Locale): string | null {
	return locale === 'en' ? x[`${field}En`] : x[`${field}Nl`];
}

/** The unit in the reader's language ("% van volwassenen 18+" / "% of adults 18+"). */
export function unitLabel(ind: Pick<IndicatorEntry, 'unit' | 'unitEn'>, locale: Locale): string {
	return locale === 'en' ? ind.unitEn : ind.unit;
}

/** What a rate is taken on: 100 for percentages, 1 000 for per-1 000 rates; null for other formats. */
export function scaleOf(format: NumberFormat): number | null {
	return format === 'percent' ? 100 : format === 'per1000' ? 1000 : null;
}

/** Theme order: by the registry's order, then by theme key (stable for equal orders). */
export function compareThemes(a: Pick<ThemeFields, 'theme' | 'themeOrder'>, b: Pick<ThemeFields, 'theme' | 'themeOrder'>): number {
	return a.themeOrder - b.themeOrder || (a.theme < b.theme ? -1 : a.theme > b.theme ? 1 : 0);
}

/** The themes of some indicators, each once, in page order. */
export function themesOf(items: ThemeFields[]): ThemeFields[] {
	const byKey = new Map<string, ThemeFields>();
	for (const { theme, themeOrder, themeNl, themeEn } of items) if (!byKey.has(theme)) byKey.set(theme, { theme, themeOrder, themeNl, themeEn });
	return [...byKey.values()].sort(compareThemes);
}
