import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * The indicator registry: one row per indicator key, from the package's
 * indicators.csv plus the project's own aggregation rules
 * (geodata/indicator-rules.json: numerator, scale and weight of rates).
 */
export const indicator = pgTable('indicator', {
	key: text('key').primaryKey(),
	labelNl: text('label_nl').notNull(),
	labelEn: text('label_en').notNull(),
	unit: text('unit').notNull(),
	definitionNl: text('definition_nl').notNull(),
	definitionEn: text('definition_en').notNull(),
	/** true: higher is better; false: lower is better; null: neither (counts, housing mix). */
	higherIsBetter: boolean('higher_is_better'),
	kind: text('kind', { enum: ['count', 'rate', 'currency', 'index'] }).notNull(),
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
		batchId: integer('batch_id').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.areaCode, t.indicator, t.period] }),
		index('observation_indicator_period_idx').on(t.indicator, t.period)
	]
);
