import { error, json } from '@sveltejs/kit';
import { translator, type Translate } from '$lib/i18n';
import { compareQuery, parseCompareView, type CompareRow } from '$lib/compare/compare';
import { localized } from '$lib/indicators/registry';
import { config } from '$lib/server/env';
import type { ComparePage } from '$lib/server/data/compare';
import { csvForm, csvNumber, csvUnit, writeCsv, type CsvForm } from '$lib/server/csv';
import type { RequestHandler } from './$types';

/** Why a row has no rank, in words. */
function missingText(row: CompareRow, rankPeriod: number | null, t: Translate): string {
	return row.missing ? t(`compare.missing.${row.missing}`, { period: rankPeriod ?? '' }) : '';
}

function tableCsv(c: ComparePage, t: Translate, meta: { url: string; date: string }, form: CsvForm): string {
	const header = [
		t('csv.indicator'),
		t('csv.label'),
		t('csv.unit'),
		t('csv.areaId'),
		t('csv.area'),
		t('compare.csv.municipality'),
		t('compare.csv.rankPeriod'),
		t('compare.csv.rank'),
		t('compare.csv.indistinct'),
		t('csv.period'),
		t('csv.value'),
		t('csv.estimate'),
		t('compare.csv.gapCity'),
		t('compare.csv.gapNl'),
		t('compare.csv.gapG4'),
		t('compare.csv.previous'),
		t('compare.csv.sincePrevious'),
		t('compare.csv.first'),
		t('compare.csv.sinceFirst'),
		t('compare.csv.missing')
	];
	const rows: string[][] = [header];
	for (const ind of c.indicators) {
		const num = (v: number | null | undefined) => (v == null ? '' : csvNumber(v, ind, form));
		for (const r of ind.rows) {
			const area = c.areas.find((a) => a.id === r.id);
			const v = r.latest?.value;
			rows.push([
				ind.key,
				localized(ind, 'label', t.locale),
				csvUnit(ind, t),
				r.id,
				r.name,
				area?.municipality ?? '',
				ind.rankPeriod == null ? '' : String(ind.rankPeriod),
				r.rank == null ? '' : String(r.rank),
				r.indistinct.join('; '),
				v == null ? '' : String(r.latest!.period),
				num(v),
				v == null ? '' : r.latest!.estimate ? t('csv.yes') : t('csv.no'),
				num(r.gaps.stad),
				num(r.gaps.nl),
				num(r.gaps.g4),
				r.sincePrevious ? String(r.sincePrevious.period) : '',
				num(r.sincePrevious?.change),
				r.sinceFirst ? String(r.sinceFirst.period) : '',
				num(r.sinceFirst?.change),
				missingText(r, ind.rankPeriod, t)
			]);
		}
	}
	rows.push([]);
	rows.push([t('csv.generated', meta)]);
	return writeCsv(rows, form);
}

/**
 * The compare page's tables for the same query string: `?formaat=json` as
 * JSON, otherwise CSV (`excel` or `standaard`, by default by language, as the
 * area page's CSV). Only what the page shows: withheld figures are absent.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const t = translator(locals.locale);
	const data = locals.data;
	if (await data.isEmpty()) error(503, t('home.emptyDatabase'));
	const view = parseCompareView(url.searchParams);
	const c = await data.compare(view);
	const date = new Date().toISOString().slice(0, 10);
	const pageUrl = `${config().origin ?? ''}/vergelijk?${compareQuery(view)}`;
	const name = `wijkaanpak-vergelijking-${view.set.replace(':', '-')}-${date}`;
	if (url.searchParams.get('formaat') === 'json') {
		return json(
			{
				url: pageUrl,
				date,
				areas: c.areas.map(({ id, name, municipality, gemeenteCode }) => ({ id, name, municipality, gemeenteCode })),
				unknown: c.unknown,
				indicators: c.indicators.map(({ lines: _, ...ind }) => ind)
			},
			{ headers: { 'content-disposition': `attachment; filename="${name}.json"` } }
		);
	}
	const form = csvForm(url.searchParams.get('formaat'), locals.locale);
	return new Response(tableCsv(c, t, { url: pageUrl, date }, form), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}${form === 'excel' ? '-excel' : ''}.csv"`
		}
	});
};
