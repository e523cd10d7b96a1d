import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { INDICATOR_KINDS, NUMBER_FORMATS } from '../../../indicators/registry';

/**
 * The indicator registry: one row per indicator key, from the package's
 * indicators.csv plus the project's own rules (geodata/indicator-rules.json:
 * numerator, scale and weight of rates; number format, decimals and English
 * label of each unit; order and names of each theme). Read through
 * $lib/indicators/registry.
 */
export const indicator = pgTable('indicator', {
	key: text('key').primaryKey(),
	labelNl: text('label_nl').notNull(),
	labelEn: text('label_en').notNull(),
	/** The unit in the source's (Dutch) words; the key of the rules' `units`. */
	unit: text('unit').notNull(),
	unitEn: text('unit_en').notNull(),
	/** How values are written (percent, per1000, euroThousands, count, index). */
	format: text('format', { enum: NUMBER_FORMATS }).notNull(),
	/** Decimals shown for values and differences. */
	decimals: integer('decimals').notNull(),
	definitionNl: text('definition_nl').notNull(),
	definitionEn: text('definition_en').notNull(),
	/** true: higher is better; false: lower is better; null: neither (counts, housing mix). */
	higherIsBetter: boolean('higher_is_better'),
	kind: text('kind', { enum: INDICATOR_KINDS }).notNull(),
	/** Indicator a rate is computed on, as the source states it (e.g. inwoners). */
	denominator: text('denominator'),
	/** Indicator whose values weigh this one when areas are combined. */
	weight: text('weight'),
	/** For rates: the count indicator that is the numerator (rate = numerator / denominator × scale). */
	numerator: text('numerator'),
	/** For rates recomputed from numerator/denominator: 1000 for per-1 000 rates, 100 for percentages. */
	scale: doublePrecision('scale'),
	estimate: boolean('estimate').notNull(),
	theme: text('theme').notNull(),
	/** Position of the theme on the pages (ascending), and its names. */
	themeOrder: integer('theme_order').notNull(),
	themeNl: text('theme_nl').notNull(),
	themeEn: text('theme_en').notNull(),
	sourceTable: text('source_table').notNull(),
	batchId: integer('batch_id')
});

/** A publisher's data source with the attribution its licence requires. */
export const source = pgTable('source', {
	id: text('id').primaryKey(),
	title: text('title').notNull(),
	publisher: text('publisher'),
	tableRef: text('table_ref'),
	url: text('url'),
	licenceName: text('licence_name'),
	licenceTitle: text('licence_title'),
	licenceUrl: text('licence_url'),
	attribution: text('attribution').notNull(),
	caveats: jsonb('caveats').$type<string[]>().notNull().default([]),
	batchId: integer('batch_id')
});

/**
 * One published number: an indicator's value for an area in a period (a year).
 * Missing values are absent rows, never 0. `provisional` marks figures the
 * source may still revise (police figures of the last two years).
 */
export const observation = pgTable(
	'observation',
	{
		areaCode: text('area_code').notNull(),
		indicator: text('indicator').notNull(),
		period: integer('period').notNull(),
		value: doublePrecision('value').notNull(),
		sourceId: text('source_id').notNull(),
		provisional: boolean('provisional').notNull().default(false),
		/** A model estimate, as the row said (null: the row said nothing; the indicator's `estimate` speaks). */
		estimate: boolean('estimate'),
		batchId: integer('batch_id').notNull()
	},
	(t) => [primaryKey({ columns: [t.areaCode, t.indicator, t.period] }), index('observation_indicator_period_idx').on(t.indicator, t.period)]
);

/**
 * Figures a later batch replaced (same area, indicator and period), kept so
 * that rolling that batch back restores them exactly: `replaced_by` is the
 * batch that replaced them, `batch_id` the one that brought them.
 */
export const observationReplaced = pgTable(
	'observation_replaced',
	{
		areaCode: text('area_code').notNull(),
		indicator: text('indicator').notNull(),
		period: integer('period').notNull(),
		value: doublePrecision('value').notNull(),
		sourceId: text('source_id').notNull(),
		provisional: boolean('provisional').notNull(),
		estimate: boolean('estimate'),
		batchId: integer('batch_id').notNull(),
		replacedBy: integer('replaced_by').notNull()
	},
	(t) => [index('observation_replaced_by_idx').on(t.replacedBy), index('observation_replaced_batch_idx').on(t.batchId)]
);
