/**
 * The CSV export of the area page (/gebied/[id]/csv), written with the page's
 * own text functions (lib/area/figures). Server only: papaparse stays out of the
 * page's browser bundle.
 */
import type { Translate } from '../i18n';
import { gapKind } from '../indicators/gaps';
import { localized, type FormatFields } from '../indicators/registry';
import { csvNumber, csvUnit, writeCsv, type CsvForm } from './csv';

export { CSV_FORMS, csvForm, csvNumber, csvUnit, type CsvForm } from './csv';
import type { AreaPage } from '../area/types';
import { areaSeries, seriesLabel, suppressedText } from '../area/figures';

/**
 * The CSV of the page: one row per indicator, series and period with a value
 * (or a withheld one), with source, estimate, coverage and weight columns and
 * the gap of the area to that series; then the attribution of every source.
 * Written by Papa.unparse in the given form (see CSV_FORMS).
 */
export function pageCsv(
	page: Pick<AreaPage, 'subject' | 'themes' | 'suppression' | 'sources' | 'boundaryChanges'>,
	t: Translate,
	meta: { url: string; date: string },
	form: CsvForm = 'standaard'
): string {
	const num = (v: number, ind: FormatFields) => csvNumber(v, ind, form);
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
		'csv.source',
		'csv.boundary'
	] as const;
	// The area's own rows say where its boundary changed ("grens gewijzigd in 2022"); a converted
	// figure says so on its row ("omgerekend uit de gebieden van de indeling 2018").
	const boundaryNote = [...new Set((page.boundaryChanges ?? []).map((c) => c.year))].map((year) => t('area.boundary.break', { year }).toLowerCase()).join('; ');
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
						p.value == null ? '' : num(p.value, ind),
						gap == null ? '' : num(gap, ind),
						rel == null ? '' : (rel * 100).toFixed(0),
						p.value == null ? '' : p.estimate ? yes : no,
						p.value == null ? '' : p.provisional ? yes : no,
						p.coverage ? `${p.coverage.with}/${p.coverage.total}` : '',
						p.coverage?.share != null ? (p.coverage.share * 100).toFixed(0) : '',
						p.weightPeriods?.join(' ') ?? '',
						p.suppressed ? suppressedText(p, page.suppression, t) : '',
						p.sources.map((id) => page.sources[id]?.label ?? id).join('; '),
						[s === area ? boundaryNote : '', p.crosswalk?.length ? t('area.note.crosswalk', { vintages: p.crosswalk.join(', ') }) : '']
							.filter(Boolean)
							.join('; ')
					]);
				}
			}
		}
	}
	rows.push([]);
	rows.push([t('csv.attribution')]);
	for (const s of Object.values(page.sources)) rows.push([s.attribution]);
	rows.push([t('csv.generated', meta)]);
	return writeCsv(rows, form);
}
