/**
 * Reads a Frictionless data package (the nl-wijkaanpak layout) and the project's
 * own files (focus areas, indicator rules) into memory, validating every row and
 * feature. Nothing touches the database here: the result is either a complete,
 * consistent `StagedPackage` or an `ImportError` listing every problem with
 * file, line/feature and field.
 *
 * The readers: descriptor.ts (datapackage.json), csv.ts, geojson.ts (boundaries),
 * observations.ts, rules.ts (indicator-rules.json); this module composes them.
 */
import path from 'node:path';
import { parseCsv, recordOf } from './csv';
import { DESCRIPTOR_FILE, isObservationResource, readDescriptor, type Descriptor, type Resource } from './descriptor';
import { readPackageFile, readTextFile, sha256 } from './files';
import { readBoundaryFile } from './geojson';
import { readObservationFile, type ObservationContext } from './observations';
import { ProblemList, shown } from './problems';
import type { Progress } from './progress';
import { registryFields } from './registry';
import { readRules, weightOf, type IndicatorRules } from './rules';
import type { StagedArea, StagedBoundary, StagedFile, StagedIndicator, StagedObservation, StagedPackage } from './staged';
import { focusAreaRecord, gemeenteOfCode, indicatorRow, levelOfCode, parseNl, wijkOfCode, zodProblems, type FocusAreaRecord } from './validate';

interface ReadContext {
	descriptor: Descriptor;
	/** text of each resource that could be read (and matched its hash) */
	texts: Map<Resource, string>;
	files: Map<string, StagedFile>;
	problems: ProblemList;
	progress: Progress;
}

/** Reads and validates the whole package; throws ImportError listing every problem. */
export async function readDataPackage(dir: string, opts: { focusAreasFile: string; rulesFile: string; progress: Progress }): Promise<StagedPackage> {
	const problems = new ProblemList();
	const descriptor = await readDescriptor(dir, problems);
	const files = new Map<string, StagedFile>([[DESCRIPTOR_FILE, { path: DESCRIPTOR_FILE, sha256: descriptor.hash, rows: 0 }]]);
	const texts = await readResources(dir, descriptor.resources, files, problems);
	const projectText = async (file: string) => {
		const label = path.basename(file);
		const t = await readTextFile(file, label, problems);
		if (t) files.set(label, { path: label, sha256: t.hash, rows: 0 });
		return { label, text: t?.text ?? '' };
	};
	const focus = await projectText(opts.focusAreasFile);
	const rulesFile = await projectText(opts.rulesFile);
	problems.throwIfAny();
	const rules = readRules(rulesFile.text, rulesFile.label, problems);
	problems.throwIfAny();

	const ctx: ReadContext = { descriptor, texts, files, problems, progress: opts.progress };
	opts.progress.phase('Controleren', descriptor.resources.length);
	const indicators = stageIndicators(ctx, rules!, rulesFile.label);
	const { areas, boundaries } = stageAreas(ctx);
	const observations = stageObservations(ctx, rules!, new Set(indicators.map((i) => i.key)), new Set(areas.keys()));
	const focusAreas = stageFocusAreas(focus.text, focus.label, areas, ctx);
	problems.throwIfAny();

	const list = [...files.values()];
	return {
		input: path.resolve(dir),
		checksum: sha256(
			list
				.map((f) => `${f.path}:${f.sha256}`)
				.sort()
				.join('\n')
		),
		files: list,
		sources: descriptor.sources,
		indicators,
		areas: [...areas.values()],
		boundaries,
		observations,
		focusAreas,
		focusAreasFile: focus.label
	};
}

/** Reads every resource file once: checksums over the raw bytes, compared with the descriptor's. */
async function readResources(dir: string, resources: Resource[], files: Map<string, StagedFile>, problems: ProblemList): Promise<Map<Resource, string>> {
	const texts = new Map<Resource, string>();
	for (const r of resources) {
		const t = await readPackageFile(dir, r.path, problems, `resources.${r.name}.path`);
		if (!t) continue;
		if (r.hash?.startsWith('sha256:') && r.hash.slice(7) !== t.hash) {
			problems.add({ file: r.path, reason: 'controlegetal (sha256) wijkt af van datapackage.json: het bestand is gewijzigd of beschadigd' });
			continue;
		}
		texts.set(r, t.text);
		files.set(r.path, { path: r.path, sha256: t.hash, rows: 0 });
	}
	return texts;
}

/** The indicator registry: indicators.csv, with weights, numerators, number formats and theme order from the rules file. */
function stageIndicators(ctx: ReadContext, rules: IndicatorRules, rulesFile: string): StagedIndicator[] {
	const { problems } = ctx;
	const resource = ctx.descriptor.resources.find((r) => r.name === 'indicators');
	const text = resource && ctx.texts.get(resource);
	if (!resource || text === undefined) {
		problems.add({ file: DESCRIPTOR_FILE, reason: 'het pakket mist de resource "indicators" (indicators.csv)' });
		problems.throwIfAny();
	}
	const file = resource!.path;
	const indicators: StagedIndicator[] = [];
	const csv = parseCsv(text!, file, problems, resource!.dialect?.delimiter);
	for (const { line, cells } of csv?.rows ?? []) {
		const parsed = parseNl(indicatorRow, recordOf(csv!.header, cells));
		if (!parsed.success) {
			for (const p of zodProblems(parsed.error)) problems.add({ file, line, ...p });
			continue;
		}
		const r = parsed.data;
		if (indicators.some((i) => i.key === r.indicator)) {
			problems.add({ file, line, field: 'indicator', reason: `${r.indicator} komt twee keer voor` });
			continue;
		}
		const fromRules = registryFields(r, rules, { file, line, rulesFile }, problems);
		if (!fromRules) continue;
		const rule = rules.indicators[r.indicator] ?? {};
		const denominator = r.denominator_indicator || null;
		indicators.push({
			...fromRules,
			key: r.indicator,
			labelNl: r.label_nl,
			labelEn: r.label_en,
			unit: r.unit,
			definitionNl: r.definition_nl,
			definitionEn: r.definition_en,
			higherIsBetter: r.higher_is_better === '' ? null : r.higher_is_better === 'true',
			kind: r.kind,
			denominator,
			weight: weightOf(rules, { key: r.indicator, kind: r.kind, unit: r.unit, denominator }),
			numerator: rule.numerator ?? null,
			scale: rule.scale ?? null,
			estimate: r.estimate === 'true',
			theme: r.theme,
			sourceTable: r.source_table
		});
	}
	if (csv) ctx.files.get(file)!.rows = csv.rows.length;
	ctx.progress.advance(1, file);
	const keys = new Set(indicators.map((i) => i.key));
	for (const i of indicators) {
		for (const ref of [i.weight, i.numerator, i.denominator]) {
			if (ref && !keys.has(ref)) problems.add({ file, field: i.key, reason: `verwijst naar onbekende indicator ${shown(ref)}` });
		}
	}
	return indicators;
}

/** Areas from the boundaries (names, hierarchy) and the list of codes without geometry. */
function stageAreas(ctx: ReadContext): { areas: Map<string, StagedArea>; boundaries: StagedBoundary[] } {
	const areas = new Map<string, StagedArea>();
	areas.set('NL01', { code: 'NL01', level: 'land', name: 'Nederland', gemeenteCode: null, wijkCode: null, note: null, superseded: false, vintage: 9999 });
	const boundaries: StagedBoundary[] = [];
	// code:vintage → where it was seen first (one boundary per area and vintage, over all files).
	const seen = new Map<string, string>();
	for (const [r, meta] of ctx.descriptor.boundaries) {
		const text = ctx.texts.get(r);
		if (text === undefined) continue;
		const file = r.path;
		const { area_level: level, area_year: vintage, crs } = meta;
		const features = readBoundaryFile(text, file, level, crs, ctx.problems);
		if (!features) continue;
		const sourceId = r.sources?.[0]?.id ?? r.name;
		for (const { feature, code, properties: props, geometry } of features) {
			const first = seen.get(`${code}:${vintage}`);
			if (first) {
				ctx.problems.add({ file, feature, field: 'code', reason: `${code} komt twee keer voor in jaargang ${vintage} (ook in ${first})` });
				continue;
			}
			seen.set(`${code}:${vintage}`, `${file} feature ${feature}`);
			const name = props.name?.trim() || null;
			const prev = areas.get(code);
			if (!prev || prev.vintage <= vintage) {
				areas.set(code, {
					code,
					level,
					name: name ?? prev?.name ?? null,
					gemeenteCode: level === 'gemeente' ? code : (props.gemeentecode ?? gemeenteOfCode(code)),
					wijkCode: level === 'buurt' ? (props.wijkcode ?? wijkOfCode(code)) : null,
					note: null,
					superseded: false,
					vintage
				});
			}
			const srid = crs === 'EPSG:28992' ? 28992 : 4326;
			boundaries.push({ code, level, vintage, quality: props.geometry_quality ?? 'exact', sourceId, srid, geometry: JSON.stringify(geometry), file, feature });
		}
		ctx.files.get(file)!.rows = features.length;
		ctx.progress.advance(1, file);
	}
	stageUnmatched(ctx, areas);
	return { areas, boundaries };
}

/** unmatched_areas.csv: codes the observations use that have no boundary of their level. */
function stageUnmatched(ctx: ReadContext, areas: Map<string, StagedArea>): void {
	const resource = ctx.descriptor.resources.find((r) => r.name === 'unmatched-areas');
	const text = resource && ctx.texts.get(resource);
	if (!resource || text === undefined) return;
	const file = resource.path;
	const csv = parseCsv(text, file, ctx.problems, resource.dialect?.delimiter);
	if (!csv) return;
	if (!csv.header.includes('area_code')) {
		ctx.problems.add({ file, line: 1, reason: 'kolom area_code ontbreekt in de kopregel' });
		return;
	}
	for (const { line, cells } of csv.rows) {
		const row = recordOf(csv.header, cells);
		const code = row.area_code;
		const level = levelOfCode(code);
		if (!level) {
			ctx.problems.add({ file, line, field: 'area_code', reason: `geen CBS-gebiedscode: "${shown(code)}"` });
			continue;
		}
		if (areas.has(code)) continue;
		const reason = row.reason || 'geen grens in het pakket';
		areas.set(code, {
			code,
			level,
			name: level === 'land' ? 'Nederland' : null,
			gemeenteCode: gemeenteOfCode(code),
			wijkCode: wijkOfCode(code),
			note: reason,
			// Codes of an earlier CBS classification (e.g. Amsterdam before 2022).
			superseded: reason.startsWith('indeling-'),
			vintage: 0
		});
	}
	ctx.files.get(file)!.rows = csv.rows.length;
	ctx.progress.advance(1, file);
}

function stageObservations(ctx: ReadContext, rules: IndicatorRules, indicatorKeys: Set<string>, areaCodes: Set<string>): StagedObservation[] {
	const oc: ObservationContext = {
		packageYear: ctx.descriptor.year,
		rules,
		sourceIds: new Set(ctx.descriptor.sources.map((s) => s.id)),
		indicatorKeys,
		areaCodes,
		seen: new Map(),
		problems: ctx.problems
	};
	const observations: StagedObservation[] = [];
	for (const r of ctx.descriptor.resources.filter(isObservationResource)) {
		const text = ctx.texts.get(r);
		if (text === undefined) continue;
		const { rows, count } = readObservationFile(r, text, oc);
		for (const o of rows) observations.push(o);
		ctx.files.get(r.path)!.rows = count;
		ctx.progress.advance(1, r.path);
	}
	return observations;
}

/** Focus areas: every member must be a known area of the stated level. */
function stageFocusAreas(text: string, file: string, areas: Map<string, StagedArea>, ctx: ReadContext): FocusAreaRecord[] {
	const { problems } = ctx;
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (e) {
		problems.add({ file, reason: `geen geldige JSON: ${shown((e as Error).message)}` });
		return [];
	}
	if (!Array.isArray(json)) {
		problems.add({ file, reason: 'verwacht een lijst van focusgebieden' });
		return [];
	}
	const focusAreas: FocusAreaRecord[] = [];
	json.forEach((rec, idx) => {
		const feature = idx + 1;
		const parsed = parseNl(focusAreaRecord, rec);
		if (!parsed.success) {
			for (const p of zodProblems(parsed.error)) problems.add({ file, feature, ...p });
			return;
		}
		const f = parsed.data;
		if (focusAreas.some((other) => other.id === f.id)) {
			problems.add({ file, feature, field: 'id', reason: `${f.id} komt twee keer voor` });
			return;
		}
		for (const code of new Set(f.codes.filter((c, i, all) => all.indexOf(c) !== i))) {
			problems.add({ file, feature, field: 'codes', reason: `${f.name}: ${shown(code)} komt twee keer voor` });
		}
		for (const code of f.codes) {
			const a = areas.get(code);
			if (!a || a.level !== f.level) problems.add({ file, feature, field: 'codes', reason: `${f.name}: ${shown(code)} is geen bekende ${f.level}` });
		}
		focusAreas.push(f);
	});
	ctx.files.get(file)!.rows = json.length;
	return focusAreas;
}
