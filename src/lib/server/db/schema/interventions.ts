import { sql } from 'drizzle-orm';
import { check, date, doublePrecision, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * What a programme did in an area: a project, a measure, a campaign. Shown on
 * the trend charts, as a timeline on the area page and in the reports. `id` is
 * the CSV's own name for the intervention (a new file replaces an intervention
 * of the same id); one entered on screen gets a generated id. `area` is a
 * focus-area id or a wijk or buurt code, `theme` one of the registry's themes;
 * both are checked when written, not by foreign keys, since a data-package
 * import replaces areas and indicators. `gemeente_code` is the area's
 * gemeente, kept for scoping (who may see and edit it).
 */
export const intervention = pgTable(
	'intervention',
	{
		id: text('id').primaryKey(),
		area: text('area').notNull(),
		gemeenteCode: text('gemeente_code').notNull(),
		programme: text('programme').notNull(),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		theme: text('theme').notNull(),
		startDate: date('start_date', { mode: 'string' }).notNull(),
		/** Null: still running. */
		endDate: date('end_date', { mode: 'string' }),
		/** Euros. */
		budget: doublePrecision('budget'),
		url: text('url'),
		/** Who wrote it last (e-mail, or the file it came from), and when. */
		updatedBy: text('updated_by').notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull()
	},
	(t) => [
		index('intervention_area_idx').on(t.area),
		index('intervention_gemeente_idx').on(t.gemeenteCode),
		check('intervention_dates', sql`${t.endDate} IS NULL OR ${t.endDate} >= ${t.startDate}`),
		check('intervention_budget', sql`${t.budget} IS NULL OR ${t.budget} >= 0`)
	]
);
