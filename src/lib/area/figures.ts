/**
 * The figures of the area page as text: series names, value cells with their
 * marks, gaps. The CSV export (csv/export.ts) writes its cells with the same
 * functions, so the download holds exactly the figures on screen (same
 * rounding, same gaps).
 */
import type { Translate } from '$lib/i18n';
import { formatDifference, formatShare } from '$lib/indicators/format';
import { gapBetween, type Gap } from '$lib/indicators/gaps';
import type { FormatFields } from '$lib/indicators/registry';
import type { SuppressionConfig } from '$lib/indicators/suppression';
import type { AreaPage, AreaSubject, PageIndicator, PagePoint, PageSeries } from '$lib/area/types';

/** What a series is called on the page: the area's name, the city's name, "Rest van Rotterdam", "Nederland", "G4". */
export function seriesLabel(s: Pick<PageSeries, 'role' | 'name'>, subject: Pick<AreaSubject, 'municipality'>, t: Translate): string {
	const city = subject.municipality ?? '';
	switch (s.role) {
		case 'stad':
			return city;
		case 'rest':
			return t('area.series.rest', { city });
		case 'nl':
			return t('area.series.nl');
		case 'g4':
			return t('area.series.g4');
		default:
			return s.name;
	}
}

export type NoteKind = 'estimate' | 'provisional' | 'coverage' | 'weights' | 'crosswalk';

export interface Note {
	kind: NoteKind;
	mark: string;
	text: string;
}

/** The marks of a value: model estimate, provisional, partial coverage, weights of another period, converted from older boundaries. */
export function pointNotes(p: PagePoint | undefined, t: Translate): Note[] {
	if (!p || p.value == null) return [];
	const out: Note[] = [];
	if (p.estimate) out.push({ kind: 'estimate', mark: t('area.mark.estimate'), text: t('area.note.estimate') });
	if (p.provisional) out.push({ kind: 'provisional', mark: t('area.mark.provisional'), text: t('area.note.provisional') });
	if (p.coverage) {
		const pct = p.coverage.share != null ? ` (${formatShare(p.coverage.share, t.locale)})` : '';
		out.push({ kind: 'coverage', mark: t('area.mark.coverage'), text: t('area.note.coverage', { with: p.coverage.with, total: p.coverage.total }) + pct });
	}
	if (p.weightPeriods?.length)
		out.push({ kind: 'weights', mark: t('area.mark.weights'), text: t('area.note.weights', { periods: p.weightPeriods.join(', ') }) });
	if (p.crosswalk?.length)
		out.push({ kind: 'crosswalk', mark: t('area.mark.crosswalk'), text: t('area.note.crosswalk', { vintages: p.crosswalk.join(', ') }) });
	return out;
}

/** The marks used in an indicator's table, each once, with what they mean: [mark, text][]. */
export function noteKey(ind: PageIndicator, t: Translate): [string, string][] {
	const seen = new Map<string, string>();
	for (const s of ind.series) for (const p of s.points) for (const n of pointNotes(p, t)) if (!seen.has(n.mark)) seen.set(n.mark, t(`area.noteKey.${n.kind}`));
	return [...seen];
}

/** The sources behind an indicator's figures, one entry per label, with all attributions behind it. */
export function sourcesOf(ind: PageIndicator, sources: AreaPage['sources']): { label: string; title: string }[] {
	const byLabel = new Map<string, string[]>();
	for (const id of new Set(ind.series.flatMap((s) => s.points.flatMap((p) => p.sources)))) {
		const label = sources[id]?.label ?? id;
		byLabel.set(label, [...(byLabel.get(label) ?? []), sources[id]?.attribution ?? id]);
	}
	return [...byLabel].map(([label, attributions]) => ({ label, title: attributions.join('\n') }));
}

/** Why a value is withheld, in words. */
export function suppressedText(p: PagePoint, cfg: SuppressionConfig, t: Translate): string {
	switch (p.suppressed) {
		case 'population':
			return t('area.suppressed.population', { n: cfg.minPopulation });
		case 'count':
			return t('area.suppressed.count', { n: cfg.minCount });
		case 'complementary':
			return t('area.suppressed.complementary');
		case 'secondary':
			return t('area.suppressed.secondary');
		default:
			return t('area.suppressed');
	}
}

/** The area's series, then the others in page order. */
export const areaSeries = (ind: PageIndicator) => ind.series.find((s) => s.role === 'area')!;

/** The gap of the area to each other series of the chart (null where no gap applies). */
export function gapsOf(ind: PageIndicator): { series: PageSeries; gap: Gap | null }[] {
	const area = areaSeries(ind);
	return ind.series.filter((s) => s !== area).map((series) => ({ series, gap: gapBetween(area.points, series.points, ind.kind, ind.decimals) }));
}

/** A signed gap in words, as in the summaries: "+5,0 procentpunt", "−€ 1.200", "0,0 procentpunt". */
export function signedDifference(v: number, ind: FormatFields, t: Translate): string {
	return formatDifference(v, ind, t.locale, { sign: true });
}

/** A relative gap (a fraction) as a whole percentage: "+29%". */
export function signedPercent(fraction: number, t: Translate): string {
	return formatShare(fraction, t.locale, { sign: true });
}
