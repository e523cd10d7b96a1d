/**
 * The frozen content of a progress report: everything its page, PDF and CSV
 * show, taken once when the report is opened and stored as canonical JSON
 * text with its SHA-256. Later imports and rule changes never touch it; the
 * page renders from it alone. Types, the canonical form and the comparison of
 * two snapshots ("what changed since the last report"); pure.
 */
import type { AreaPage, PageIndicator } from '../area/types';
import type { ScoreRow } from '../area/scorecard';
import type { Changes } from '../indicators/changes';
import type { TargetStatus } from '../indicators/programme-targets';
import type { Intervention } from '../interventions/types';
import { areaSeries } from '../area/figures';

/** Bumped when the shape changes; a page renders every format it ever stored. */
export const SNAPSHOT_FORMAT = 1;

export interface HeadlineMeta {
	labelNl: string;
	labelEn: string;
	format: PageIndicator['format'];
	decimals: number;
	kind: PageIndicator['kind'];
	higherIsBetter: boolean | null;
}

export interface Snapshot {
	format: typeof SNAPSHOT_FORMAT;
	/** ISO timestamp. */
	takenAt: string;
	dataVersion: string;
	period: string;
	/** The area page's figures with every theme (suppression applied), its targets and outline. */
	page: Pick<AreaPage, 'subject' | 'references' | 'themes' | 'sources' | 'suppression' | 'targets' | 'outline'>;
	headline: ScoreRow[];
	headlineMeta: Record<string, HeadlineMeta>;
	changes: Changes;
	/** Interventions of the area that started before the period ended (the report lists those running in it). */
	interventions: Intervention[];
}

/** JSON with object keys sorted at every depth and `undefined` left out: the same content gives the same text. */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(value, (_key, v) => {
		if (v && typeof v === 'object' && !Array.isArray(v)) {
			const out: Record<string, unknown> = {};
			for (const k of Object.keys(v).sort()) out[k] = (v as Record<string, unknown>)[k];
			return out;
		}
		return v;
	});
}

/** One indicator whose latest figure differs between two snapshots. */
export interface FigureMove {
	key: string;
	labelNl: string;
	labelEn: string;
	format: PageIndicator['format'];
	decimals: number;
	before: { period: number; value: number } | null;
	after: { period: number; value: number } | null;
}

export interface SnapshotDiff {
	figures: FigureMove[];
	targets: { id: string; indicatorNl: string | null; indicatorEn: string | null; before: TargetStatus | null; after: TargetStatus | null }[];
	/** In the newer snapshot, not in the older. */
	newInterventions: Intervention[];
}

function latestOf(ind: PageIndicator): { period: number; value: number } | null {
	const pts = areaSeries(ind)?.points ?? [];
	for (let i = pts.length - 1; i >= 0; i--) if (pts[i].value != null) return { period: pts[i].period, value: pts[i].value! };
	return null;
}

/**
 * What changed from an older snapshot to a newer one: the area's latest
 * figure per indicator (a new period or a revised value), targets whose
 * status changed (or that came or went), and interventions that are new.
 */
export function diffSnapshots(older: Snapshot, newer: Snapshot): SnapshotDiff {
	const indicators = (s: Snapshot) => new Map(s.page.themes.flatMap((t) => t.indicators).map((i) => [i.key, i]));
	const a = indicators(older);
	const b = indicators(newer);
	const figures: FigureMove[] = [];
	for (const key of new Set([...b.keys(), ...a.keys()])) {
		const ind = (b.get(key) ?? a.get(key))!;
		const before = a.has(key) ? latestOf(a.get(key)!) : null;
		const after = b.has(key) ? latestOf(b.get(key)!) : null;
		if (before?.period === after?.period && before?.value === after?.value) continue;
		figures.push({ key, labelNl: ind.labelNl, labelEn: ind.labelEn, format: ind.format, decimals: ind.decimals, before, after });
	}
	const statuses = (s: Snapshot) => new Map((s.page.targets ?? []).map((t) => [t.target.id, t]));
	const ta = statuses(older);
	const tb = statuses(newer);
	const targets: SnapshotDiff['targets'] = [];
	for (const id of new Set([...tb.keys(), ...ta.keys()])) {
		const x = tb.get(id) ?? ta.get(id)!;
		const before = ta.get(id)?.evaluation.status ?? null;
		const after = tb.get(id)?.evaluation.status ?? null;
		if (before !== after) targets.push({ id, indicatorNl: x.indicator?.labelNl ?? null, indicatorEn: x.indicator?.labelEn ?? null, before, after });
	}
	const known = new Set(older.interventions.map((i) => i.id));
	return { figures, targets, newInterventions: newer.interventions.filter((i) => !known.has(i.id)) };
}
