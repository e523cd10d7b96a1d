/**
 * The figures of the area page as text: series names, value cells with their
 * marks, gaps, and the CSV export. One module for the page and the CSV, so the
 * download holds exactly the figures on screen (same rounding, same gaps).
 */
import type { Translate } from '$lib/i18n';
import { formatDifference, formatShare } from '$lib/indicators/format';
import { gapBetween, gapKind, type Gap } from '$lib/indicators/gaps';
import { localized, unitLabel, type FormatFields, type IndicatorEntry } from '$lib/indicators/registry';
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

export type NoteKind = 'estimate' | 'provisional' | 'coverage' | 'weights';

export interface Note {
	kind: NoteKind;
	mark: string;
	text: string;
}

/** The marks of a value: model estimate, provisional, partial coverage, weights of another period. */
export function pointNotes(p: PagePoint | undefined, t: Translate): Note[] {
	if (!p || p.value == null) return [];
	const out: Note[] = [];
	if (p.estimate) out.push({ kind: 'estimate', mark: t('area.mark.estimate'), text: t('area.note.estimate') });
	if (p.provisional) out.push({ kind: 'provisional', mark: t('area.mark.provisional'), text: t('area.note.provisional') });
	if (p.coverage) {
		const pct = p.coverage.share != null ? ` (${formatShare(p.coverage.share, t.locale)})` : '';
		out.push({ kind: 'coverage', mark: t('area.mark.coverage'), text: t('area.note.coverage', { with: p.coverage.with, total: p.coverage.total }) + pct });
	}
	if (p.weightPeriods?.length) out.push({ kind: 'weights', mark: t('area.mark.weights'), text: t('area.note.weights', { periods: p.weightPeriods.join(', ') }) });
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

/* CSV ---------------------------------------------------------------------- */

/** A value in the CSV: rounded as on the page, dot decimals, amounts in euros. */
export function csvNumber(v: number, ind: FormatFields): string {
	if (ind.format === 'euroThousands') return (Math.round(v * 1000) || 0).toFixed(0);
	return v.toFixed(ind.decimals);
}

/** The CSV's unit in the reader's language, except amounts, which are written out in euros. */
export const csvUnit = (ind: FormatFields & Pick<IndicatorEntry, 'unit' | 'unitEn'>, t: Translate) =>
	ind.format === 'euroThousands' ? 'euro' : unitLabel(ind, t.locale);

function csvField(v: string): string {
	return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * The CSV of the page: one row per indicator, series and period with a value
 * (or a withheld one), with source, estimate, coverage and weight columns and
 * the gap of the area to that series; then the attribution of every source.
 * RFC 4180 (comma, CRLF), UTF-8 with a byte-order mark for spreadsheet programs.
 */
export function pageCsv(page: AreaPage, t: Translate, meta: { url: string; date: string }): string {
	const yes = t('csv.yes');
	const no = t('csv.no');
	const header = [
		'csv.areaId',
		'csv.area',
		'csv.series',
		'csv.seriesName',
		'csv.indicator',
		'csv.label',
		'csv.unit',
		'csv.period',
		'csv.value',
		'csv.gap',
		'csv.gapRelative',
		'csv.estimate',
		'csv.provisional',
		'csv.coverage',
		'csv.coverageShare',
		'csv.weightPeriods',
		'csv.suppressed',
		'csv.source'
	] as const;
	const rows: string[][] = [header.map((h) => t(h))];
	for (const theme of page.themes) {
		for (const ind of theme.indicators) {
			const area = areaSeries(ind);
			const label = localized(ind, 'label', t.locale);
			const mode = gapKind(ind.kind);
			for (const s of ind.series) {
				for (const p of s.points) {
					if (p.value == null && !p.suppressed) continue;
					const a = area.points.find((q) => q.period === p.period)?.value;
					const gap = s !== area && mode !== 'none' && a != null && p.value != null ? a - p.value : null;
					const rel = gap != null && mode === 'both' && p.value! > 0 ? gap / p.value! : null;
					rows.push([
						page.subject.id,
						page.subject.name,
						s.key,
						seriesLabel(s, page.subject, t),
						ind.key,
						label,
						csvUnit(ind, t),
						String(p.period),
						p.value == null ? '' : csvNumber(p.value, ind),
						gap == null ? '' : csvNumber(gap, ind),
						rel == null ? '' : (rel * 100).toFixed(0),
						p.value == null ? '' : p.estimate ? yes : no,
						p.value == null ? '' : p.provisional ? yes : no,
						p.coverage ? `${p.coverage.with}/${p.coverage.total}` : '',
						p.coverage?.share != null ? (p.coverage.share * 100).toFixed(0) : '',
						p.weightPeriods?.join(' ') ?? '',
						p.suppressed ? suppressedText(p, page.suppression, t) : '',
						p.sources.map((id) => page.sources[id]?.label ?? id).join('; ')
					]);
				}
			}
		}
	}
	rows.push([]);
	rows.push([t('csv.attribution')]);
	for (const s of Object.values(page.sources)) rows.push([s.attribution]);
	rows.push([t('csv.generated', meta)]);
	return '\uFEFF' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
