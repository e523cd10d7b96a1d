/**
 * Where interventions stand on a time axis of years: the trend charts (whose
 * periods are years) and the area page's timeline. Pure.
 */
import type { Intervention } from './types';

/** An ISO date (JJJJ-MM-DD) as a fractional year: 2024-07-02 → about 2024.5. */
export function yearOf(iso: string): number {
	const [y, m, d] = iso.split('-').map(Number);
	const start = Date.UTC(y, 0, 1);
	const days = (Date.UTC(y + 1, 0, 1) - start) / 86_400_000;
	return y + (Date.UTC(y, m - 1, d) - start) / 86_400_000 / days;
}

/** The year just after an end date (an intervention ending 2024-12-31 covers all of 2024). */
function endYearOf(iso: string): number {
	return yearOf(iso) + 1 / 366;
}

export interface Band {
	intervention: Intervention;
	/** Fractional years, clipped to the axis. */
	from: number;
	to: number;
	/** The intervention runs past the axis (or has no end date). */
	open: boolean;
}

/**
 * The part of each intervention that falls on an axis of years [lo, hi]
 * (a running one reaches to `hi`); those wholly outside are left out. In the
 * given order.
 */
export function bandsOn(interventions: Intervention[], lo: number, hi: number): Band[] {
	const out: Band[] = [];
	for (const i of interventions) {
		const start = yearOf(i.startDate);
		const end = i.endDate == null ? Infinity : endYearOf(i.endDate);
		if (start > hi || end <= lo) continue;
		out.push({ intervention: i, from: Math.max(lo, start), to: Math.min(hi, end), open: end > hi });
	}
	return out;
}

/** The interventions on these themes, in the given order; all when `themes` is null. */
export function onThemes(interventions: Intervention[], themes: string[] | null): Intervention[] {
	return themes == null ? interventions : interventions.filter((i) => themes.includes(i.theme));
}

/** The years a timeline of these interventions spans: from the first start to the last end or `today`, whole years. */
export function timelineYears(interventions: Intervention[], today: string): { from: number; to: number } | null {
	if (!interventions.length) return null;
	const from = Math.min(...interventions.map((i) => Number(i.startDate.slice(0, 4))));
	const to = Math.max(from, ...interventions.map((i) => Number((i.endDate ?? today).slice(0, 4))));
	return { from, to: to + 1 };
}
