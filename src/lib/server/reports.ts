/**
 * Progress reports: opened (with a frozen snapshot of the figures), written,
 * moved through the workflow and published with their PDF and CSV stored.
 * Every write is one transaction with its audit row; each refusal says why
 * (a message key) and changes nothing. Who may: see reports/workflow.ts.
 */
import { createHash } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { RoleGrant } from '../auth/roles';
import { allows } from '../auth/roles';
import { translator, type MessageKey } from '../i18n';
import { DEFAULT_CADENCE, openablePeriods, parsePeriod, type Cadence, type Period } from '../reports/periods';
import { canonicalJson, SNAPSHOT_FORMAT, type Snapshot } from '../reports/snapshot';
import { narrativeRefusal, refusal, reportRoles, STEPS, type ReportStep } from '../reports/workflow';
import { runsWithin } from '../interventions/types';
import { pageCsv } from './area-csv';
import { recordAudit, type Actor, type Tx } from './auth/audit';
import { areaSummary } from './data/area-summary';
import type { Data } from './data/index';
import { report, reportingCadence } from './db/schema/index';
import { focusAreaById } from './queries/areas';
import { interventionsOfFocusArea } from './queries/interventions';
import { cadences, reportById, type ReportRow } from './queries/reports';

export type ReportOutcome =
	{ ok: true; id: number } | { ok: false; status: 400 | 403 | 404 | 409; message: MessageKey; values?: Record<string, string | number>; id?: number };

const refused = (status: 400 | 403 | 404 | 409, message: MessageKey, values?: Record<string, string | number>, id?: number): ReportOutcome => ({
	ok: false,
	status,
	message,
	values,
	id
});

export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The narrative's longest allowed length, in characters. */
export const NARRATIVE_MAX = 20_000;

/** The cadence a programme reports in. */
export async function cadenceOf(data: Data, programme: string): Promise<Cadence> {
	return (await cadences(data.database.db)).get(programme) ?? DEFAULT_CADENCE;
}

/**
 * The figures of a focus area as its page shows them now (all themes, default
 * references, suppression applied), with its scorecard, what changed, its
 * targets and its interventions up to the period's end: the report's content.
 */
export async function takeSnapshot(data: Data, focusAreaId: string, period: Period): Promise<{ snapshot: Snapshot; text: string; hash: string } | null> {
	const [dataVersion, full] = await Promise.all([data.version(), data.areaPage(focusAreaId, { references: null, extra: [], indicators: null })]);
	if (!full) return null;
	const [summary, interventions] = await Promise.all([areaSummary(data, full), interventionsOfFocusArea(data.database.db, focusAreaId)]);
	const { subject, references, themes, sources, suppression, targets, outline } = full;
	const snapshot: Snapshot = {
		format: SNAPSHOT_FORMAT,
		takenAt: new Date().toISOString(),
		dataVersion,
		period: period.label,
		page: { subject, references, themes, sources, suppression, targets: targets ?? [], outline },
		...summary,
		interventions: interventions.filter((i) => i.startDate <= period.to)
	};
	const text = canonicalJson(snapshot);
	return { snapshot, text, hash: sha256(text) };
}

/** The report columns that hold a snapshot. */
function snapshotColumns(taken: { snapshot: Snapshot; text: string; hash: string }) {
	return { snapshot: taken.text, snapshotHash: taken.hash, snapshotAt: new Date(taken.snapshot.takenAt), dataVersion: taken.snapshot.dataVersion };
}

/** The interventions a report lists: those running on some day of its period. */
export function interventionsInPeriod(s: Snapshot) {
	const p = parsePeriod(s.period);
	return p ? s.interventions.filter((i) => runsWithin(i, p.from, p.to)) : [];
}

/** What the audit trail keeps of a report: everything but the snapshot text and the files (their hashes are kept). */
function auditView(r: Partial<ReportRow> | null) {
	if (!r) return null;
	const { snapshot: _s, pdf: _p, csv: _c, ...rest } = r;
	return rest;
}

/**
 * Opens the report of a focus area for a period: takes the snapshot and
 * stores a concept. The writer (coordinator of the area) or a monitor of its
 * gemeente may; the period must be one of the programme's cadence that may be
 * opened now. A period that already has a report gives that one (409).
 */
export async function openReport(data: Data, actor: Actor, grants: RoleGrant[], input: { focusAreaId: string; period: string }): Promise<ReportOutcome> {
	const db = data.database.db;
	const area = input.focusAreaId ? await focusAreaById(db, input.focusAreaId) : null;
	if (!area) return refused(400, 'report.error.area');
	const roles = reportRoles(grants, { focusAreaId: area.id, gemeenteCode: area.gemeenteCode });
	if (!roles.writer && !roles.monitor) return refused(403, 'report.refused.role');
	const cadence = await cadenceOf(data, area.programme);
	const period = openablePeriods(new Date(), cadence).find((p) => p.label === input.period);
	if (!period) return refused(400, 'report.error.period');
	const [existing] = await db
		.select({ id: report.id })
		.from(report)
		.where(and(eq(report.focusAreaId, area.id), eq(report.period, period.label)))
		.orderBy(desc(report.version))
		.limit(1);
	if (existing) return refused(409, 'report.error.exists', undefined, existing.id);
	const taken = await takeSnapshot(data, area.id, period);
	if (!taken) return refused(404, 'report.error.area');
	const now = new Date();
	try {
		const id = await db.transaction(async (tx) => {
			const [row] = await tx
				.insert(report)
				.values({
					focusAreaId: area.id,
					gemeenteCode: area.gemeenteCode,
					programme: area.programme,
					period: period.label,
					...snapshotColumns(taken),
					createdBy: actor.email,
					createdAt: now,
					updatedAt: now
				})
				.returning();
			await recordAudit(tx, actor, { action: 'create', entity: 'report', entityId: String(row.id), before: null, after: auditView(row) });
			return row.id;
		});
		return { ok: true, id };
	} catch (e) {
		// Two people opening the same report at once: the unique key lets one through.
		if (String((e as { cause?: unknown })?.cause ?? e).includes('report_area_period_version')) return refused(409, 'report.error.exists');
		throw e;
	}
}

/**
 * A stored report, locked for the rest of the transaction, with the user's
 * roles for it; a refusal when there is none.
 */
async function locked(tx: Tx, id: number, grants: RoleGrant[]) {
	const [row] = await tx.select().from(report).where(eq(report.id, id)).for('update');
	if (!row) return null;
	return { row, roles: reportRoles(grants, row) };
}

/** Thrown inside a transaction to roll it back with a refusal. */
class Refusal extends Error {
	constructor(readonly outcome: ReportOutcome) {
		super('refused');
	}
}

async function inTransaction(data: Data, work: (tx: Tx) => Promise<number>): Promise<ReportOutcome> {
	try {
		return { ok: true, id: await data.database.db.transaction(work) };
	} catch (e) {
		if (e instanceof Refusal) return e.outcome;
		throw e;
	}
}

/** A user who may not read the draft is told it does not exist. */
function notFoundUnlessReadable(row: ReportRow, roles: ReturnType<typeof reportRoles>): void {
	if (row.status !== 'gepubliceerd' && !roles.readsDrafts) throw new Refusal(refused(404, 'report.notFound'));
}

/** Saves the narrative (Markdown) of a concept; the writer only. */
export function saveNarrative(data: Data, actor: Actor, grants: RoleGrant[], id: number, narrative: string): Promise<ReportOutcome> {
	const text = narrative.replace(/\r\n?/g, '\n');
	if (text.length > NARRATIVE_MAX) return Promise.resolve(refused(400, 'report.error.narrativeLength', { max: NARRATIVE_MAX }));
	return inTransaction(data, async (tx) => {
		const r = await locked(tx, id, grants);
		if (!r) throw new Refusal(refused(404, 'report.notFound'));
		notFoundUnlessReadable(r.row, r.roles);
		const why = narrativeRefusal(r.row.status, r.roles);
		if (why) throw new Refusal(refused(why === 'report.refused.role' ? 403 : 409, why));
		const [after] = await tx.update(report).set({ narrative: text, updatedAt: new Date() }).where(eq(report.id, id)).returning();
		await recordAudit(tx, actor, {
			action: 'narrative',
			entity: 'report',
			entityId: String(id),
			before: { narrative: r.row.narrative },
			after: { narrative: after.narrative }
		});
		return id;
	});
}

/**
 * Takes the snapshot again for a concept (the figures as they are now): the
 * writer or a monitor, before submitting. Ingediend and later keep theirs.
 */
export async function refreshSnapshot(data: Data, actor: Actor, grants: RoleGrant[], id: number): Promise<ReportOutcome> {
	const current = await reportById(data.database.db, id);
	const period = current && parsePeriod(current.period);
	if (!current || !period) return refused(404, 'report.notFound');
	const taken = await takeSnapshot(data, current.focusAreaId, period);
	if (!taken) return refused(404, 'report.error.area');
	return inTransaction(data, async (tx) => {
		const r = await locked(tx, id, grants);
		if (!r) throw new Refusal(refused(404, 'report.notFound'));
		notFoundUnlessReadable(r.row, r.roles);
		if (r.row.status === 'gepubliceerd') throw new Refusal(refused(409, 'report.refused.published'));
		if (!r.roles.writer && !r.roles.monitor) throw new Refusal(refused(403, 'report.refused.role'));
		if (r.row.status !== 'concept') throw new Refusal(refused(409, 'report.refused.notConcept'));
		const [after] = await tx
			.update(report)
			.set({
				...snapshotColumns(taken),
				updatedAt: new Date()
			})
			.where(eq(report.id, id))
			.returning();
		await recordAudit(tx, actor, { action: 'snapshot', entity: 'report', entityId: String(id), before: auditView(r.row), after: auditView(after) });
		return id;
	});
}

/** The files stored at publication, made from the snapshot by the caller. */
export interface PublicationFiles {
	/** Null when this server cannot render PDFs (no Chromium): the report is published without one. */
	pdf: Uint8Array | null;
	csv: string;
	/** The moment of publication the PDF shows; now when not given. */
	publishedAt?: Date;
}

/** The CSV of every figure in a report: the area page's CSV of its snapshot (standard form, Dutch). */
export function reportCsv(snapshot: Snapshot, url: string): string {
	return pageCsv(snapshot.page, translator('nl'), { url, date: snapshot.takenAt.slice(0, 10) }, 'standaard');
}

/**
 * Takes a workflow step (indienen, terugsturen, goedkeuren, publiceren).
 * Publishing needs the files (`files`, made from the report as approved);
 * they are stored with their hashes in the same transaction, and from then on
 * the row cannot change.
 */
export function stepReport(data: Data, actor: Actor, grants: RoleGrant[], id: number, step: ReportStep, files?: PublicationFiles): Promise<ReportOutcome> {
	return inTransaction(data, async (tx) => {
		const r = await locked(tx, id, grants);
		if (!r) throw new Refusal(refused(404, 'report.notFound'));
		notFoundUnlessReadable(r.row, r.roles);
		const why = refusal(step, r.row.status, r.roles);
		if (why) throw new Refusal(refused(why === 'report.refused.role' ? 403 : 409, why, { step }));
		const now = new Date();
		const to = STEPS[step].to;
		const set: Partial<ReportRow> = { status: to, updatedAt: now };
		if (step === 'indienen') Object.assign(set, { submittedBy: actor.email, submittedAt: now });
		if (step === 'goedkeuren') Object.assign(set, { approvedBy: actor.email, approvedAt: now });
		if (step === 'terugsturen') Object.assign(set, { approvedBy: null, approvedAt: null });
		if (step === 'publiceren') {
			if (!files) throw new Refusal(refused(409, 'report.error.files'));
			Object.assign(set, {
				publishedBy: actor.email,
				publishedAt: files.publishedAt ?? now,
				pdf: files.pdf,
				pdfHash: files.pdf ? sha256(files.pdf) : null,
				csv: new TextEncoder().encode(files.csv),
				csvHash: sha256(files.csv)
			});
		}
		const [after] = await tx.update(report).set(set).where(eq(report.id, id)).returning();
		await recordAudit(tx, actor, { action: step, entity: 'report', entityId: String(id), before: auditView(r.row), after: auditView(after) });
		return id;
	});
}

/**
 * A correction of a published report: a new version (a concept with a new
 * snapshot and the narrative copied) that names the one it replaces. Only the
 * newest version may be corrected, and only once it is published.
 */
export async function correctReport(data: Data, actor: Actor, grants: RoleGrant[], id: number): Promise<ReportOutcome> {
	const db = data.database.db;
	const current = await reportById(db, id);
	const period = current && parsePeriod(current.period);
	if (!current || !period) return refused(404, 'report.notFound');
	const roles = reportRoles(grants, current);
	if (current.status !== 'gepubliceerd' && !roles.readsDrafts) return refused(404, 'report.notFound');
	if (!roles.writer && !roles.monitor) return refused(403, 'report.refused.role');
	if (current.status !== 'gepubliceerd') return refused(409, 'report.error.correctDraft');
	const taken = await takeSnapshot(data, current.focusAreaId, period);
	if (!taken) return refused(404, 'report.error.area');
	const now = new Date();
	return inTransaction(data, async (tx) => {
		const [newest] = await tx
			.select({ id: report.id, version: report.version })
			.from(report)
			.where(and(eq(report.focusAreaId, current.focusAreaId), eq(report.period, current.period)))
			.orderBy(desc(report.version))
			.limit(1)
			.for('update');
		if (newest.id !== id) throw new Refusal(refused(409, 'report.error.newerVersion', undefined, newest.id));
		const [row] = await tx
			.insert(report)
			.values({
				focusAreaId: current.focusAreaId,
				gemeenteCode: current.gemeenteCode,
				programme: current.programme,
				period: current.period,
				version: current.version + 1,
				replacesId: current.id,
				narrative: current.narrative,
				...snapshotColumns(taken),
				createdBy: actor.email,
				createdAt: now,
				updatedAt: now
			})
			.returning();
		await recordAudit(tx, actor, { action: 'correct', entity: 'report', entityId: String(row.id), before: null, after: auditView(row) });
		return row.id;
	});
}

/** Sets how often a programme reports; a national monitor only (the guard checks). */
export async function setCadence(data: Data, actor: Actor, grants: RoleGrant[], programme: string, cadence: Cadence): Promise<ReportOutcome> {
	if (!allows(grants, 'monitor.manage', {})) return refused(403, 'report.refused.role');
	return inTransaction(data, async (tx) => {
		const [before] = await tx.select().from(reportingCadence).where(eq(reportingCadence.programme, programme));
		const after = { programme, cadence, updatedBy: actor.email, updatedAt: new Date() };
		await tx.insert(reportingCadence).values(after).onConflictDoUpdate({ target: reportingCadence.programme, set: after });
		await recordAudit(tx, actor, { action: before ? 'update' : 'create', entity: 'reporting_cadence', entityId: programme, before: before ?? null, after });
		return 0;
	});
}

/** The snapshot stored with a report. */
export function snapshotOf(r: Pick<ReportRow, 'snapshot'>): Snapshot {
	return JSON.parse(r.snapshot) as Snapshot;
}
