import { sql } from 'drizzle-orm';
import { check, customType, index, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { CADENCES } from '../../../reports/periods';
import { REPORT_STATUSES } from '../../../reports/workflow';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** How often a programme reports; a programme without a row reports per half-year (see reports/periods). */
export const reportingCadence = pgTable('reporting_cadence', {
	programme: text('programme').primaryKey(),
	cadence: text('cadence', { enum: CADENCES }).notNull(),
	updatedBy: text('updated_by').notNull(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull()
});

/**
 * A progress report of one focus area over one reporting period ('2026-H2',
 * '2026', '2026-Q3'). Its figures are the snapshot taken when it was opened:
 * canonical JSON text with its SHA-256, never recomputed. At publication the
 * PDF and the CSV are stored with their hashes, and from then on the row is
 * immutable (the database refuses any change, see the migration); a
 * correction is a new version that names the one it replaces.
 */
export const report = pgTable(
	'report',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		focusAreaId: text('focus_area_id').notNull(),
		gemeenteCode: text('gemeente_code').notNull(),
		programme: text('programme').notNull(),
		period: text('period').notNull(),
		version: integer('version').notNull().default(1),
		replacesId: integer('replaces_id'),
		status: text('status', { enum: REPORT_STATUSES }).notNull().default('concept'),
		/** The coordinator's narrative, Markdown (rendered sanitised). */
		narrative: text('narrative').notNull().default(''),
		snapshot: text('snapshot').notNull(),
		snapshotHash: text('snapshot_hash').notNull(),
		snapshotAt: timestamp('snapshot_at', { withTimezone: true }).notNull(),
		/** The data version (newest import batch) the snapshot was taken from. */
		dataVersion: text('data_version').notNull(),
		pdf: bytea('pdf'),
		pdfHash: text('pdf_hash'),
		/** Bytes, not text: a text column would lose the CSV's byte-order mark on the way back (PGlite decodes with it stripped). */
		csv: bytea('csv'),
		csvHash: text('csv_hash'),
		createdBy: text('created_by').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
		submittedBy: text('submitted_by'),
		submittedAt: timestamp('submitted_at', { withTimezone: true }),
		approvedBy: text('approved_by'),
		approvedAt: timestamp('approved_at', { withTimezone: true }),
		publishedBy: text('published_by'),
		publishedAt: timestamp('published_at', { withTimezone: true })
	},
	(t) => [
		unique('report_area_period_version').on(t.focusAreaId, t.period, t.version),
		index('report_gemeente_idx').on(t.gemeenteCode),
		check('report_published', sql`${t.status} <> 'gepubliceerd' OR (${t.publishedAt} IS NOT NULL AND ${t.csv} IS NOT NULL)`),
		check('report_version', sql`${t.version} >= 1 AND (${t.version} = 1) = (${t.replacesId} IS NULL)`)
	]
);
