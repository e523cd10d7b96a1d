import { and, asc, desc, eq, getTableColumns, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Cadence } from '../../reports/periods';
import type { Db } from '../db/index';
import { focusArea, report, reportingCadence } from '../db/schema/index';

export type ReportRow = typeof report.$inferSelect;
/** A report without its stored files and snapshot text: what lists and checks need. */
export type ReportHead = Omit<ReportRow, 'pdf' | 'csv' | 'snapshot'> & { hasPdf: boolean; areaName: string; municipality: string };

const { pdf: _pdf, csv: _csv, snapshot: _snapshot, ...headColumns } = getTableColumns(report);
const head = { ...headColumns, hasPdf: sql<boolean>`${report.pdf} IS NOT NULL`, areaName: focusArea.name, municipality: focusArea.municipality };

/** One report with its snapshot and files; null when there is none with that id. */
export async function reportById(db: Db, id: number): Promise<ReportRow | null> {
	const [r] = await db.select().from(report).where(eq(report.id, id)).limit(1);
	return r ?? null;
}

/** Reports without their files, newest period first; `readable` limits drafts to what the reader may see. */
export function listReports(
	db: Db,
	opts: { ids?: number[]; focusAreaId?: string; period?: string; programme?: string; drafts: 'none' | 'all' | { gemeenten: string[]; focusAreas: string[] } }
): Promise<ReportHead[]> {
	const where: SQL[] = [];
	if (opts.ids) where.push(inArray(report.id, opts.ids.length ? opts.ids : [-1]));
	if (opts.focusAreaId) where.push(eq(report.focusAreaId, opts.focusAreaId));
	if (opts.period) where.push(eq(report.period, opts.period));
	if (opts.programme) where.push(eq(report.programme, opts.programme));
	const published = eq(report.status, 'gepubliceerd');
	if (opts.drafts === 'none') where.push(published);
	else if (opts.drafts !== 'all') {
		const { gemeenten, focusAreas } = opts.drafts;
		where.push(
			or(
				published,
				gemeenten.length ? inArray(report.gemeenteCode, gemeenten) : undefined,
				focusAreas.length ? inArray(report.focusAreaId, focusAreas) : undefined
			)!
		);
	}
	return db
		.select(head)
		.from(report)
		.innerJoin(focusArea, eq(focusArea.id, report.focusAreaId))
		.where(and(...where))
		.orderBy(desc(report.period), asc(focusArea.municipality), asc(focusArea.name), desc(report.version));
}

/** The versions of a focus area's report for a period, newest first. */
export function reportVersions(db: Db, focusAreaId: string, period: string): Promise<ReportHead[]> {
	return listReports(db, { focusAreaId, period, drafts: 'all' });
}

/** The cadence of each programme that chose one (the others report per half-year). */
export async function cadences(db: Db): Promise<Map<string, Cadence>> {
	const rows = await db.select({ programme: reportingCadence.programme, cadence: reportingCadence.cadence }).from(reportingCadence);
	return new Map(rows.map((r) => [r.programme, r.cadence]));
}
