/**
 * The CSV export of the area page (/gebied/[id]/csv), written with the page's
 * own text functions (../figures). Server only: papaparse stays out of the
 * page's browser bundle.
 */
import Papa from 'papaparse';
import type { Locale, Translate } from '$lib/i18n';
import { gapKind } from '$lib/indicators/gaps';
import { localized, unitLabel, type FormatFields, type IndicatorEntry } from '$lib/indicators/registry';
import type { AreaPage } from '$lib/area/types';
import { areaSeries, seriesLabel, suppressedText } from '../figures';

/**
 * The two forms of the CSV. `excel`: what Excel with Dutch settings opens in
 * columns when the file is double-clicked (semicolon, decimal comma). `standaard`:
 * RFC 4180 as most programs read it (comma, decimal point). Both UTF-8 with a
 * byte-order mark, CRLF, no thousands separators.
 */
export const CSV_FORMS = ['excel', 'standaard'] as const;
export type CsvForm = (typeof CSV_FORMS)[number];

/** The form asked for in `?formaat=`, else the one for the reader's language: Dutch Excel in Dutch, the standard form in English. */
export function csvForm(asked: string | null, locale: Locale): CsvForm {
	if (CSV_FORMS.includes(asked as CsvForm)) return asked as CsvForm;
	return locale === 'nl' ? 'excel' : 'standaard';
}

/** A value in the CSV: rounded as on the page, amounts in euros; a decimal comma in the Excel form, a point in the standard one. */
export function csvNumber(v: number, ind: FormatFields, form: CsvForm = 'standaard'): string {
	const s = ind.format === 'euroThousands' ? (Math.round(v * 1000) || 0).toFixed(0) : v.toFixed(ind.decimals);
	return form === 'excel' ? s.replace('.', ',') : s;
}

/** The CSV's unit in the reader's language, except amounts, which are written out in euros. */
export const csvUnit = (ind: FormatFields & Pick<IndicatorEntry, 'unit' | 'unitEn'>, t: Translate) =>
	ind.format === 'euroThousands' ? 'euro' : unitLabel(ind, t.locale);

/**
 * The CSV of the page: one row per indicator, series and period with a value
 * (or a withheld one), with source, estimate, coverage and weight columns and
 * the gap of the area to that series; then the attribution of every source.
 * Written by Papa.unparse in the given form (see CSV_FORMS).
 */
export function pageCsv(page: AreaPage, t: Translate, meta: { url: string; date: string }, form: CsvForm = 'standaard'): string {
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
						p.value == null ? '' : num(p.value, ind),
						gap == null ? '' : num(gap, ind),
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
	// Papa quotes a field only where it must (the delimiter, a quote, a line break, a space at either end).
	return '\uFEFF' + Papa.unparse(rows, { delimiter: form === 'excel' ? ';' : ',', newline: '\r\n', quotes: false }) + '\r\n';
}
