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
import type { IndicatorRules } from './rules';

/** How the values of one unit are written. */
export const unitRule = z.strictObject({
	format: z.enum(NUMBER_FORMATS, `moet ${NUMBER_FORMATS.slice(0, -1).join(', ')} of ${NUMBER_FORMATS.at(-1)} zijn`),
	decimals: z.number('moet een getal zijn').int('moet een geheel getal zijn').min(0, 'mag niet negatief zijn').max(4, 'hoogstens 4'),
	en: z.string('moet een tekst zijn').min(1, 'leeg')
});
/** Where one theme stands and what it is called. */
export const themeRule = z.strictObject({
	order: z.number('moet een getal zijn').int('moet een geheel getal zijn'),
	nl: z.string('moet een tekst zijn').min(1, 'leeg'),
	en: z.string('moet een tekst zijn').min(1, 'leeg')
});

/** The columns of `indicator` that come from the rules file. */
export type RegistryFields = Pick<IndicatorEntry, 'unitEn' | 'format' | 'decimals' | 'themeOrder' | 'themeNl' | 'themeEn'>;

/**
 * The rules' fields for one indicators.csv row; null (with a problem at the
 * row's line) when its unit or theme is not in the rules.
 */
export function registryFields(
	row: { unit: string; theme: string },
	rules: Pick<IndicatorRules, 'units' | 'themes'>,
	at: { file: string; line: number; rulesFile: string },
	problems: ProblemList
): RegistryFields | null {
	const unit = Object.hasOwn(rules.units, row.unit) ? rules.units[row.unit] : undefined;
	const theme = Object.hasOwn(rules.themes, row.theme) ? rules.themes[row.theme] : undefined;
	if (!unit)
		problems.add({
			file: at.file,
			line: at.line,
			field: 'unit',
			reason: `eenheid "${row.unit}" staat niet onder "units" in ${at.rulesFile} (voeg format, decimals en en toe)`
		});
	if (!theme)
		problems.add({
			file: at.file,
			line: at.line,
			field: 'theme',
			reason: `thema "${row.theme}" staat niet onder "themes" in ${at.rulesFile} (voeg order, nl en en toe)`
		});
	if (!unit || !theme) return null;
	return { unitEn: unit.en, format: unit.format, decimals: unit.decimals, themeOrder: theme.order, themeNl: theme.nl, themeEn: theme.en };
}
