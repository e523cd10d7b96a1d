import { asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/index';
import { importBatch, source } from '../db/schema/index';

export type Source = typeof source.$inferSelect;

export function listSources(db: Db): Promise<Source[]> {
	return db.select().from(source).orderBy(asc(source.id));
}

export function importHistory(db: Db, limit = 20) {
	return db.select().from(importBatch).orderBy(desc(importBatch.id)).limit(limit);
}

export async function importBatchById(db: Db, id: number) {
	const [b] = await db.select().from(importBatch).where(eq(importBatch.id, id)).limit(1);
	return b ?? null;
}

/**
 * Short labels for a source: publisher and StatLine table ("RIVM 50090NED").
 * A source that spans several tables, one per year ("83765NED (2017), 84286NED
 * (2018) …"), gets a label per period, so every number names its own table.
 */
export function sourceLabel(s: Pick<Source, 'id' | 'title' | 'publisher' | 'tableRef'>): { label: string; byPeriod: Record<number, string> } {
	const publisher = (s.publisher ?? s.title).split(/[\s,/(]/)[0];
	const text = `${s.tableRef ?? ''} ${s.title} ${s.id}`;
	const tables = [...new Set(text.match(/\b\d{5}NED\b/g) ?? [])];
	const byPeriod: Record<number, string> = {};
	for (const m of (s.tableRef ?? '').matchAll(/\b(\d{5}NED)\s*\((\d{4})\)/g)) byPeriod[Number(m[2])] = `${publisher} ${m[1]}`;
	const label = tables.length === 1 ? `${publisher} ${tables[0]}` : s.title;
	return { label, byPeriod };
}

export interface SourceLabel {
	label: string;
	byPeriod: Record<number, string>;
	attribution: string;
}

/** id → labels and attribution for the sources on a page. */
export async function sourceLabels(db: Db): Promise<Record<string, SourceLabel>> {
	const rows = await listSources(db);
	return Object.fromEntries(rows.map((s) => [s.id, { ...sourceLabel(s), attribution: s.attribution }]));
}
