import { asc, desc } from 'drizzle-orm';
import type { Db } from '../db/index';
import { importBatch, source } from '../db/schema/index';

export type Source = typeof source.$inferSelect;

export function listSources(db: Db): Promise<Source[]> {
	return db.select().from(source).orderBy(asc(source.id));
}

export function importHistory(db: Db, limit = 20) {
	return db.select().from(importBatch).orderBy(desc(importBatch.id)).limit(limit);
}

/** A short label for a source: publisher and StatLine table ("RIVM 50090NED"), else its title. */
export function sourceLabel(s: Pick<Source, 'id' | 'title' | 'publisher' | 'tableRef'>): string {
	const table = /\b\d{5}NED\b/.exec(`${s.tableRef ?? ''} ${s.title} ${s.id}`)?.[0];
	const publisher = (s.publisher ?? s.title).split(/[\s,/(]/)[0];
	return table ? `${publisher} ${table}` : s.title;
}

/** id → { label, attribution } for the sources on a page. */
export async function sourceLabels(db: Db): Promise<Record<string, { label: string; attribution: string }>> {
	const rows = await listSources(db);
	return Object.fromEntries(rows.map((s) => [s.id, { label: sourceLabel(s), attribution: s.attribution }]));
}
