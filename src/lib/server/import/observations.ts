/**
 * Observation files: tidy CSV (`area_code,area_level,period,indicator,value,source`
 * and optionally `status`), one resource per source. Every row is checked
 * against the registry, the known areas and every other file (one value per
 * area, indicator and period), and gets its provisional flag.
 */
import { parseCsv } from './csv';
import type { Resource } from './descriptor';
import { shown, type ProblemList } from './problems';
import type { IndicatorRules } from './rules';
import type { StagedObservation } from './staged';
import { OBSERVATION_HEADER, OBSERVATION_STATUS, observationRow, parseNl, zodProblems } from './validate';

/**
 * Whether a figure is provisional. In order, the first that speaks decides:
 * 1. the row's own `status` column (voorlopig/definitief, provisional/final);
 * 2. the resource's `provisional_years` in datapackage.json;
 * 3. the source's `provisional_years` in the project's indicator-rules.json.
 * With N years, a figure is provisional while its period lies less than N years
 * before the year the package was created (`period > created year − N`): police
 * figures (N = 2) of 2023 and 2024 are provisional in a package of 2024, final
 * in one of 2026. Nothing said anywhere means final.
 */
export function isProvisional(period: number, rowStatus: boolean | null, provisionalYears: number | null, packageYear: number): boolean {
	if (rowStatus !== null) return rowStatus;
	if (provisionalYears === null) return false;
	return period > packageYear - provisionalYears;
}

export interface ObservationContext {
	packageYear: number;
	rules: IndicatorRules;
	sourceIds: Set<string>;
	indicatorKeys: Set<string>;
	areaCodes: Set<string>;
	/** area|indicator|period → where it was seen first, over all files */
	seen: Map<string, string>;
	problems: ProblemList;
}

/** Reads one observations resource; returns its rows (empty on problems, which are added). */
export function readObservationFile(resource: Resource, text: string, ctx: ObservationContext): { rows: StagedObservation[]; count: number } {
	const { problems } = ctx;
	const file = resource.path;
	const sourceId = resource.source_id!;
	if (!ctx.sourceIds.has(sourceId)) {
		problems.add({ file: 'datapackage.json', field: `resources.${resource.name}.source_id`, reason: `bron ${shown(sourceId)} staat niet in sources` });
	}
	const csv = parseCsv(text, file, problems, resource.dialect?.delimiter);
	if (!csv) return { rows: [], count: 0 };
	const header = csv.header.join(',');
	const expected = OBSERVATION_HEADER.join(',');
	if (header !== expected && header !== `${expected},${OBSERVATION_STATUS}`) {
		problems.add({
			file,
			line: 1,
			reason: `kopregel moet precies "${expected}" zijn, eventueel gevolgd door ",${OBSERVATION_STATUS}" (gekregen: "${shown(header)}")`
		});
		return { rows: [], count: 0 };
	}
	if (!checkRowCount(resource, csv.rows.length, ctx.problems)) return { rows: [], count: csv.rows.length };
	const provisionalYears = resource.provisional_years ?? ctx.rules.sources[sourceId]?.provisional_years ?? null;
	const rows: StagedObservation[] = [];
	for (const { line, cells } of csv.rows) {
		const parsed = parseNl(observationRow, {
			area_code: cells[0],
			area_level: cells[1],
			period: cells[2],
			indicator: cells[3],
			value: cells[4],
			source: cells[5],
			status: cells[6]
		});
		if (!parsed.success) {
			for (const p of zodProblems(parsed.error)) problems.add({ file, line, ...p });
			continue;
		}
		const o = parsed.data;
		const problem = rowProblem(o, sourceId, ctx, `${file} regel ${line}`);
		if (problem) {
			problems.add({ file, line, ...problem });
			continue;
		}
		rows.push({
			areaCode: o.area_code,
			indicator: o.indicator,
			period: o.period,
			value: o.value,
			sourceId,
			provisional: isProvisional(o.period, o.status, provisionalYears, ctx.packageYear),
			file,
			line
		});
	}
	return { rows, count: csv.rows.length };
}

/**
 * An observations file without rows would delete every earlier figure of its
 * source: only accepted when the descriptor declares `row_count: 0`. A declared
 * row count must match the file.
 */
function checkRowCount(resource: Resource, rows: number, problems: ProblemList): boolean {
	const declared = resource.row_count;
	if (declared === undefined && rows > 0) return true;
	if (declared === rows) return true;
	problems.add({
		file: resource.path,
		reason:
			declared === undefined
				? `geen waarnemingen (alleen een kopregel): dat zou alle eerdere cijfers van bron ${shown(resource.source_id)} wissen; ` +
					'is het bestand bedoeld leeg, zet dan "row_count": 0 bij deze resource in datapackage.json'
				: `${rows} waarnemingen, maar datapackage.json noemt er ${declared} (row_count): is het bestand afgebroken of vervangen?`
	});
	return false;
}

/** Cross-file checks of one valid row: registry, source, area, duplicates. */
function rowProblem(
	o: { area_code: string; indicator: string; period: number; source: string },
	sourceId: string,
	ctx: ObservationContext,
	place: string
): { field?: string; reason: string } | null {
	if (!ctx.indicatorKeys.has(o.indicator)) return { field: 'indicator', reason: `onbekende indicator "${shown(o.indicator)}" (niet in indicators.csv)` };
	if (o.source !== sourceId) return { field: 'source', reason: `bron "${shown(o.source)}" hoort niet bij dit bestand (verwacht ${shown(sourceId)})` };
	if (o.period > ctx.packageYear + 1) {
		return { field: 'period', reason: `${o.period} ligt na het jaar waarin het pakket is gemaakt (${ctx.packageYear})` };
	}
	if (!ctx.areaCodes.has(o.area_code))
		return { field: 'area_code', reason: `onbekende gebiedscode ${o.area_code} (geen grens en niet in unmatched_areas.csv)` };
	const key = `${o.area_code}|${o.indicator}|${o.period}`;
	const prev = ctx.seen.get(key);
	if (prev) return { reason: `dubbele waarde voor ${o.area_code}, ${o.indicator}, ${o.period} (ook in ${prev})` };
	ctx.seen.set(key, place);
	return null;
}
