/**
 * The CSV downloads' common form (area page, compare page): which of the two
 * forms, how a number and a unit are written, and the writing itself. Server
 * only: papaparse stays out of the browser bundles.
 */
import Papa from 'papaparse';
import type { Locale, Translate } from '../i18n';
import { unitLabel, type FormatFields, type IndicatorEntry } from '../indicators/registry';

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

/** Rows as a CSV file in the given form: UTF-8 with a byte-order mark, CRLF; a field is quoted only where it must be. */
export function writeCsv(rows: string[][], form: CsvForm): string {
	return '\uFEFF' + Papa.unparse(rows, { delimiter: form === 'excel' ? ';' : ',', newline: '\r\n', quotes: false }) + '\r\n';
}
