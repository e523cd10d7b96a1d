/**
 * The registry fields an indicator gets from the project's rules file
 * (geodata/indicator-rules.json) rather than from the package: how numbers of
 * its unit are written (`units`: format, decimals, English label) and where its
 * theme stands (`themes`: order, Dutch and English name). A unit or theme the
 * rules do not know is an import problem with file, line and field, never a
 * silent default: adding one is a line in the rules file.
 */
import { z } from 'zod';
import { NUMBER_FORMATS, type IndicatorEntry } from '../../indicators/registry';
import type { ProblemList } from './problems';

const unitRule = z.object({
	format: z.enum(NUMBER_FORMATS, `moet ${NUMBER_FORMATS.slice(0, -1).join(', ')} of ${NUMBER_FORMATS.at(-1)} zijn`),
	decimals: z.number('moet een getal zijn').int('moet een geheel getal zijn').min(0, 'mag niet negatief zijn').max(4, 'hoogstens 4'),
	en: z.string('moet een tekst zijn').min(1, 'leeg')
});
const themeRule = z.object({
	order: z.number('moet een getal zijn').int('moet een geheel getal zijn'),
	nl: z.string('moet een tekst zijn').min(1, 'leeg'),
	en: z.string('moet een tekst zijn').min(1, 'leeg')
});

/** The `units` and `themes` sections of the rules file. */
export const registryRules = z.object({
	units: z.record(z.string(), unitRule, 'ontbreekt (per eenheid: format, decimals, en)'),
	themes: z.record(z.string(), themeRule, 'ontbreekt (per thema: order, nl, en)')
});
export type RegistryRules = z.output<typeof registryRules>;

/** The columns of `indicator` that come from the rules file. */
export type RegistryFields = Pick<IndicatorEntry, 'unitEn' | 'format' | 'decimals' | 'themeOrder' | 'themeNl' | 'themeEn'>;

/** Validates the rules' `units` and `themes`; adds a problem per wrong field and returns null when any. */
export function readRegistryRules(rules: unknown, file: string, problems: ProblemList): RegistryRules | null {
	const parsed = registryRules.safeParse(rules);
	if (parsed.success) return parsed.data;
	for (const i of parsed.error.issues) problems.add({ file, field: i.path.join('.') || undefined, reason: i.message });
	return null;
}

/**
 * The rules' fields for one indicators.csv row; null (with a problem at the
 * row's line) when its unit or theme is not in the rules.
 */
export function registryFields(
	row: { unit: string; theme: string },
	rules: RegistryRules,
	at: { file: string; line: number; rulesFile: string },
	problems: ProblemList
): RegistryFields | null {
	const unit = Object.hasOwn(rules.units, row.unit) ? rules.units[row.unit] : undefined;
	const theme = Object.hasOwn(rules.themes, row.theme) ? rules.themes[row.theme] : undefined;
	if (!unit) problems.add({ file: at.file, line: at.line, field: 'unit', reason: `eenheid "${row.unit}" staat niet onder "units" in ${at.rulesFile} (voeg format, decimals en en toe)` });
	if (!theme) problems.add({ file: at.file, line: at.line, field: 'theme', reason: `thema "${row.theme}" staat niet onder "themes" in ${at.rulesFile} (voeg order, nl en en toe)` });
	if (!unit || !theme) return null;
	return { unitEn: unit.en, format: unit.format, decimals: unit.decimals, themeOrder: theme.order, themeNl: theme.nl, themeEn: theme.en };
}
