/**
 * The project's own rules for a data package (`geodata/indicator-rules.json`):
 * how each indicator is combined over several areas, and which sources publish
 * figures that stay provisional for some years, how the values of each unit
 * are written and in which order the themes stand. The package's indicators.csv
 * says what an indicator is; this file says how to aggregate it.
 */
import { z } from 'zod';
import { shown, type ProblemList } from './problems';
import { themeRule, unitRule } from './registry';
import { parseNl, zodProblems } from './validate';

const indicatorKey = z.string().regex(/^[a-z0-9_]+$/, 'geen indicatorsleutel (kleine letters, cijfers en _)');

export const indicatorRulesSchema = z.strictObject({
	$comment: z.string().optional(),
	/** the weight of rate indicators by their unit, when indicators.csv names no denominator */
	weight_by_unit: z.record(z.string(), z.strictObject({ weight: indicatorKey, weight_note: z.string().optional() })),
	/** per indicator: its weight, or a numerator and scale to recompute the rate from sums */
	indicators: z.record(
		indicatorKey,
		z.strictObject({
			weight: indicatorKey.optional(),
			numerator: indicatorKey.optional(),
			scale: z.number().positive().optional(),
			weight_note: z.string().optional()
		})
	),
	/** how values of each unit of indicators.csv are written (number format, decimals, the unit in English) */
	units: z.record(z.string(), unitRule, 'ontbreekt (per eenheid: format, decimals, en)'),
	/** the order of the themes on the pages, and their names in Dutch and English */
	themes: z.record(z.string(), themeRule, 'ontbreekt (per thema: order, nl, en)'),
	/**
	 * Per source id: its figures are provisional until `provisional_years` after
	 * their period (counted from the package's `created` year), for packages that
	 * say nothing about it themselves (no `provisional_years` on the resource, no
	 * `status` column). Police figures become final after two years.
	 */
	sources: z.record(z.string().min(1), z.strictObject({ provisional_years: z.number().int().min(0).max(100), note: z.string().optional() })).default({})
});
export type IndicatorRules = z.output<typeof indicatorRulesSchema>;

/** Parses the rules file; problems (and null) when it is no valid rules file. */
export function readRules(json: string, file: string, problems: ProblemList): IndicatorRules | null {
	let parsed: unknown;
	try {
		parsed = JSON.parse(json);
	} catch (e) {
		problems.add({ file, reason: `geen geldige JSON: ${shown((e as Error).message)}` });
		return null;
	}
	const rules = parseNl(indicatorRulesSchema, parsed);
	if (!rules.success) {
		for (const p of zodProblems(rules.error)) problems.add({ file, ...p });
		return null;
	}
	return rules.data;
}

/**
 * The weight of an indicator when combining areas: none for counts; else the
 * rule's weight, the denominator indicators.csv names, or the weight for its unit.
 */
export function weightOf(rules: IndicatorRules, indicator: { key: string; kind: string; unit: string; denominator: string | null }): string | null {
	if (indicator.kind === 'count') return null;
	return rules.indicators[indicator.key]?.weight ?? indicator.denominator ?? rules.weight_by_unit[indicator.unit]?.weight ?? null;
}
