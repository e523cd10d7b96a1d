/**
 * Row schemas of the importer (observations, indicators, focus areas), CBS area
 * codes and the shared zod helpers. Pure: no database, no files. Every check
 * returns the reasons it found; the reader adds file and line.
 */
import { z } from 'zod';
import { INDICATOR_KINDS } from '../../indicators/registry';

export type AreaLevel = 'land' | 'gemeente' | 'wijk' | 'buurt';

export const CODE_PATTERNS: Record<AreaLevel, RegExp> = {
	land: /^NL\d{2}$/,
	gemeente: /^GM\d{4}$/,
	wijk: /^WK\d{4}[0-9A-Z]{2}$/,
	buurt: /^BU\d{4}[0-9A-Z]{4}$/
};

/** The level a CBS area code belongs to, or null when it is no CBS code. */
export function levelOfCode(code: string): AreaLevel | null {
	for (const [level, re] of Object.entries(CODE_PATTERNS) as [AreaLevel, RegExp][]) {
		if (re.test(code)) return level;
	}
	return null;
}

/** GM code of the gemeente a wijk or buurt code lies in (CBS codes embed it). */
export function gemeenteOfCode(code: string): string | null {
	return /^(WK|BU)\d{4}/.test(code) ? `GM${code.slice(2, 6)}` : null;
}

/** WK code of the wijk a buurt code lies in. */
export function wijkOfCode(code: string): string | null {
	return /^BU\d{4}[0-9A-Z]{2}/.test(code) ? `WK${code.slice(2, 8)}` : null;
}

const DECIMAL = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/** Text that a database column can hold: no NUL character (PostgreSQL refuses it in text). */
export const text = (message?: string) => z.string(message).refine((s) => !s.includes('\0'), 'bevat een NUL-teken (\\0)');

/**
 * Codes CBS and PDOK put in a numeric column for "no value" (secret, not
 * applicable, unknown). Read as an empty cell, never as a figure: a row with one
 * is refused like an empty value, so a missing figure cannot turn into -99 997.
 */
export const NO_VALUE_CODES = [-99999999, -99999, -99998, -99997, -99996, -99995] as const;
const isNoValueCode = (v: string) => DECIMAL.test(v.trim()) && (NO_VALUE_CODES as readonly number[]).includes(Number(v));

/** Periods (years) a figure can describe; `0000` or `9999` is a mistake, not a year. */
export const PERIOD_RANGE = { min: 1900, max: 2100 } as const;

/** Header of an observations file; a `status` column may follow (see `observationRow`). */
export const OBSERVATION_HEADER = ['area_code', 'area_level', 'period', 'indicator', 'value', 'source'] as const;
export const OBSERVATION_STATUS = 'status';

/** A row's own provisional flag: true, false, or null when the row does not say. */
const STATUS: Record<string, boolean | null> = { '': null, voorlopig: true, provisional: true, definitief: false, final: false };

export const observationRow = z
	.object({
		area_code: z.string().refine((c) => levelOfCode(c) !== null, 'geen CBS-gebiedscode (NLnn, GMgggg, WKggggww of BUggggwwbb)'),
		area_level: z.enum(['land', 'gemeente', 'wijk', 'buurt'], 'moet land, gemeente, wijk of buurt zijn'),
		period: z
			.string()
			.regex(/^\d{4}$/, 'geen jaartal (JJJJ)')
			.transform(Number)
			.pipe(
				z
					.number()
					.min(PERIOD_RANGE.min, `jaartal buiten het bereik ${PERIOD_RANGE.min}–${PERIOD_RANGE.max}`)
					.max(PERIOD_RANGE.max, `jaartal buiten het bereik ${PERIOD_RANGE.min}–${PERIOD_RANGE.max}`)
			),
		indicator: z.string().min(1, 'leeg'),
		value: z
			.string()
			.refine((v) => !isNoValueCode(v), {
				error: (issue) =>
					`${String(issue.input).trim()} is een CBS/PDOK-code voor "geen waarde" (geheim, onbekend of niet van toepassing), geen getal; een ontbrekende waarde laat u weg`,
				abort: true
			})
			.regex(DECIMAL, 'geen getal (verwacht een decimaal getal met punt, zonder duizendtalscheiding); een ontbrekende waarde laat u weg')
			.transform(Number)
			.pipe(z.number('getal te groot voor de database (buiten ±1,8e308)')),
		source: z.string().min(1, 'leeg'),
		status: z
			.string()
			.optional()
			.transform((s) => s?.trim().toLowerCase() ?? '')
			.refine((s) => Object.hasOwn(STATUS, s), 'moet voorlopig, definitief, provisional, final of leeg zijn')
			.transform((s) => STATUS[s])
	})
	.superRefine((r, ctx) => {
		const level = levelOfCode(r.area_code);
		if (level && level !== r.area_level) {
			ctx.addIssue({ code: 'custom', path: ['area_level'], message: `code ${r.area_code} is een ${level}, niet een ${r.area_level}` });
		}
	});
export type ObservationRow = z.output<typeof observationRow>;

/** Yes/no cells of an uploaded table: true/false, ja/nee, 1/0; empty when the row does not say. */
const YES_NO: Record<string, boolean | null> = { '': null, true: true, false: false, ja: true, nee: false, '1': true, '0': false };
const yesNo = (extra: Record<string, boolean> = {}) =>
	z
		.string()
		.optional()
		.transform((s) => s?.trim().toLowerCase() ?? '')
		.refine((s) => Object.hasOwn(YES_NO, s) || Object.hasOwn(extra, s), `moet ${['true', 'false', 'ja', 'nee', ...Object.keys(extra)].join(', ')} of leeg zijn`)
		.transform((s) => (Object.hasOwn(extra, s) ? extra[s] : YES_NO[s]));

/** Columns of an uploaded table of figures (`tabel`): four required, the rest optional. */
export const TIDY_REQUIRED = ['area_code', 'period', 'indicator', 'value'] as const;
export const TIDY_OPTIONAL = ['area_level', 'source', 'estimate', 'provisional'] as const;

/** One line of an uploaded table of figures: the checks of a package's observation row, source and flags optional. */
export const tidyRow = z
	.object({
		area_code: observationRow.shape.area_code,
		area_level: z.enum(['land', 'gemeente', 'wijk', 'buurt', ''], 'moet land, gemeente, wijk, buurt of leeg zijn').optional(),
		period: observationRow.shape.period,
		indicator: observationRow.shape.indicator,
		value: observationRow.shape.value,
		source: z.string().optional(),
		estimate: yesNo(),
		provisional: yesNo({ voorlopig: true, definitief: false })
	})
	.superRefine((r, ctx) => {
		const level = levelOfCode(r.area_code);
		if (level && r.area_level && level !== r.area_level) {
			ctx.addIssue({ code: 'custom', path: ['area_level'], message: `code ${r.area_code} is een ${level}, niet een ${r.area_level}` });
		}
	});
export type TidyRow = z.output<typeof tidyRow>;

const bool = z.enum(['true', 'false', ''], 'moet true, false of leeg zijn');

export const indicatorRow = z.object({
	indicator: z.string().regex(/^[a-z0-9_]+$/, 'alleen kleine letters, cijfers en _'),
	label_nl: z.string().min(1, 'leeg'),
	label_en: z.string().min(1, 'leeg'),
	unit: z.string().min(1, 'leeg'),
	definition_nl: z.string(),
	definition_en: z.string(),
	higher_is_better: bool,
	kind: z.enum(INDICATOR_KINDS, 'moet count, rate, currency of index zijn'),
	denominator_indicator: z.string(),
	estimate: z.enum(['true', 'false'], 'moet true of false zijn'),
	theme: z.string().min(1, 'leeg'),
	source_table: z.string()
});
export type IndicatorRow = z.output<typeof indicatorRow>;

export const focusAreaRecord = z
	.object({
		id: z.string().regex(/^[a-z0-9-]+$/),
		name: text().min(1),
		municipality: text().min(1),
		gemeentecode: z.string().regex(CODE_PATTERNS.gemeente),
		programme: text().min(1),
		level: z.enum(['wijk', 'buurt']),
		codes: z.array(z.string()).min(1),
		partial_codes: z.array(z.string()).default([]),
		population_kwb2024: z.number().int().nullable().optional(),
		population_cbs_reference: z.number().int().nullable().optional(),
		confidence: text(),
		part_of: z.string().nullable().optional(),
		sources: z.array(text()),
		/** How the area was delineated, for readers: in Dutch and in English, or neither. */
		notes_nl: text().nullable().optional(),
		notes_en: text().nullable().optional(),
		/** The former one-language field: refused, so a note cannot silently vanish from the pages. */
		notes: z.undefined('vervangen door notes_nl en notes_en (beide talen)').optional()
	})
	.refine((f) => (f.notes_nl == null) === (f.notes_en == null), {
		message: 'geef de toelichting in beide talen (notes_nl en notes_en) of in geen van beide',
		path: ['notes_nl']
	});
export type FocusAreaRecord = z.output<typeof focusAreaRecord>;

/** A field path as users read it: `sources[3].attribution`. */
export function fieldOf(path: PropertyKey[]): string | undefined {
	if (!path.length) return undefined;
	return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('');
}

/** Human-readable reasons of a zod failure, one per field. */
export function zodProblems(error: z.ZodError): { field?: string; reason: string }[] {
	return error.issues.map((i) => ({ field: fieldOf(i.path), reason: i.message }));
}

const dutch = z.locales.nl().localeError;

/** `schema.safeParse` with zod's Dutch messages where a schema gives none of its own. */
export function parseNl<T extends z.ZodType>(schema: T, data: unknown): z.ZodSafeParseResult<z.output<T>> {
	return schema.safeParse(data, { error: dutch });
}
