import { sql } from 'drizzle-orm';
import { check, doublePrecision, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Programme targets (see $lib/indicators/programme-targets): a goal a programme
 * published for an area — a value of an indicator by a year, or reaching a
 * reference (city, rest of the city, NL, G4) by a year — with its baseline
 * period and citation. Loaded from a CSV (`npm run targets:import`, an upload
 * on /beheer/doelen, the shipped geodata/targets.csv) or entered on
 * /beheer/doelen; `id` is the CSV's own name for the target, so
 * a new file replaces a target of the same id. `area` is a focus-area id or a
 * CBS code and `indicator` an indicator key; both are checked at import, not
 * by foreign keys, since a data-package import replaces areas and indicators.
 */
export const target = pgTable(
	'target',
	{
		id: text('id').primaryKey(),
		area: text('area').notNull(),
		indicator: text('indicator').notNull(),
		kind: text('kind', { enum: ['waarde', 'referentie'] }).notNull(),
		/** Kind `waarde`: the value to reach, in the indicator's unit. */
		value: doublePrecision('value'),
		/** Kind `referentie`: stad, rest, nl or g4. */
		reference: text('reference', { enum: ['stad', 'rest', 'nl', 'g4'] }),
		baseYear: integer('base_year').notNull(),
		targetYear: integer('target_year').notNull(),
		citation: text('citation').notNull(),
		url: text('url'),
		/** Who set the goal, and when (as published: a year or a date). */
		setBy: text('set_by').notNull(),
		setOn: text('set_on').notNull(),
		/** Who loaded or last changed it, when, and in which batch (a file, or one change on screen). */
		importedBy: text('imported_by').notNull(),
		importedAt: timestamp('imported_at', { withTimezone: true }).notNull(),
		batchId: integer('batch_id').notNull()
	},
	(t) => [
		index('target_area_idx').on(t.area),
		check(
			'target_kind_fields',
			sql`(${t.kind} = 'waarde' AND ${t.value} IS NOT NULL AND ${t.reference} IS NULL) OR (${t.kind} = 'referentie' AND ${t.value} IS NULL AND ${t.reference} IS NOT NULL)`
		),
		check('target_years', sql`${t.targetYear} > ${t.baseYear}`)
	]
);
