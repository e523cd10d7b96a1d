import { integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

export interface ImportedFile {
	path: string;
	sha256: string;
	rows: number;
}

/**
 * One successful import: what went in (files with checksums), how much, how
 * long, by whom. Failed imports write nothing (they roll back) and are reported
 * to the caller instead.
 */
export const importBatch = pgTable('import_batch', {
	id: serial('id').primaryKey(),
	kind: text('kind').notNull(),
	input: text('input').notNull(),
	/** sha256 over the checksums of all input files: the same input gives the same value. */
	checksum: text('checksum').notNull(),
	files: jsonb('files').$type<ImportedFile[]>().notNull(),
	rowCounts: jsonb('row_counts').$type<Record<string, number>>().notNull(),
	startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
	finishedAt: timestamp('finished_at', { withTimezone: true }).notNull(),
	durationMs: integer('duration_ms').notNull(),
	/** `ok`, or `teruggedraaid` once rolled back (its figures removed, what it replaced restored). */
	status: text('status').notNull(),
	importedBy: text('imported_by').notNull(),
	rolledBackAt: timestamp('rolled_back_at', { withTimezone: true }),
	rolledBackBy: text('rolled_back_by')
});
