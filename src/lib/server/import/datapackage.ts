/**
 * Reads a Frictionless data package (the nl-wijkaanpak layout) and the focus-area
 * definitions into memory, validating every row and feature. Nothing touches the
 * database here: the result is either a complete, consistent `StagedPackage`
 * or an `ImportError` listing every problem with file, line/feature and field.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import type { Progress } from './progress';
import { ImportError, ProblemList } from './problems';
import { readRegistryRules, registryFields, type RegistryFields } from './registry';
import {
	focusAreaRecord,
	geometryProblems,
	gemeenteOfCode,
	indicatorRow,
	levelOfCode,
	OBSERVATION_HEADER,
	observationRow,
	wijkOfCode,
	zodProblems,
	type AreaLevel,
	type FocusAreaRecord,
	type IndicatorRow
} from './validate';

export interface StagedArea {
	code: string;
	level: AreaLevel;
	name: string | null;
	gemeenteCode: string | null;
	wijkCode: string | null;
	note: string | null;
	superseded: boolean;
	/** newest vintage the name comes from (for choosing among vintages) */
	vintage: number;
}
export interface StagedBoundary {
	code: string;
	level: 'gemeente' | 'wijk' | 'buurt';
	vintage: number;
	quality: string;
	sourceId: string;
	srid: 4326 | 28992;
	geometry: string;
	/** where it came from, for PostGIS validity errors */
	file: string;
	feature: number;
}
export interface StagedObservation {
	areaCode: string;
	indicator: string;
	period: number;
	value: number;
	sourceId: string;
	provisional: boolean;
}
export interface StagedIndicator extends RegistryFields {
	key: string;
	labelNl: string;
	labelEn: string;
	unit: string;
	definitionNl: string;
	definitionEn: string;
	higherIsBetter: boolean | null;
	kind: IndicatorRow['kind'];
	denominator: string | null;
	weight: string | null;
	numerator: string | null;
	scale: number | null;
	estimate: boolean;
	theme: string;
	sourceTable: string;
}
export interface StagedSource {
	id: string;
	title: string;
	publisher: string | null;
	tableRef: string | null;
	url: string | null;
	licenceName: string | null;
	licenceTitle: string | null;
	licenceUrl: string | null;
	attribution: string;
	caveats: string[];
}
export interface StagedFile {
	path: string;
	sha256: string;
	rows: number;
}
export interface StagedPackage {
	input: string;
	checksum: string;
	files: StagedFile[];
	sources: StagedSource[];
	indicators: StagedIndicator[];
	areas: StagedArea[];
	boundaries: StagedBoundary[];
	observations: StagedObservation[];
	focusAreas: FocusAreaRecord[];
}

export interface IndicatorRules {
	weight_by_unit: Record<string, { weight: string; weight_note?: string }>;
	indicators: Record<string, { weight?: string; numerator?: string; scale?: number; weight_note?: string }>;
}

interface Resource {
	name?: string;
	path?: string;
	format?: string;
	hash?: string;
	crs?: string;
	area_level?: string;
	area_year?: number;
	source_id?: string;
	sources?: { id?: string }[];
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** Police figures are provisional until two years after the year they describe. */
function isProvisional(sourceId: string, period: number, packageYear: number): boolean {
	return sourceId.startsWith('politie') && period > packageYear - 2;
}

async function readText(file: string, label: string, problems: ProblemList): Promise<{ text: string; hash: string } | null> {
	try {
		const buf = await readFile(file);
		// A UTF-8 byte-order mark (Excel writes one) is no part of the content; the checksum keeps it.
		return { text: buf.toString('utf8').replace(/^\uFEFF/, ''), hash: sha256(buf) };
	} catch (e) {
		problems.add({ file: label, reason: `kan het bestand niet lezen (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
		return null;
	}
}

function parseCsv(text: string, file: string, problems: ProblemList): { header: string[]; rows: { line: number; cells: string[] }[] } | null {
	// Blank lines are dropped after parsing, not by Papaparse: skipped lines would
	// shift the line number of every row after them.
	const parsed = Papa.parse<string[]>(text);
	// Line in the file (1-based, header = line 1) where each record starts; a quoted field may span lines.
	const lineOf: number[] = [];
	let next = 1;
	for (const cells of parsed.data) {
		lineOf.push(next);
		next += 1 + cells.reduce((n, c) => n + (c.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
	}
	for (const err of parsed.errors) {
		problems.add({ file, line: err.row != null ? lineOf[err.row] : undefined, reason: `CSV-fout: ${csvErrorText(err)}` });
	}
	if (parsed.errors.length) return null;
	const records = parsed.data.map((cells, i) => ({ line: lineOf[i], cells })).filter((r) => r.cells.some((c) => c.trim() !== ''));
	const [head, ...data] = records;
	if (!head) {
		problems.add({ file, line: 1, reason: 'leeg bestand (geen kopregel)' });
		return null;
	}
	const header = head.cells.map((h) => h.trim());
	const rows: { line: number; cells: string[] }[] = [];
	for (const r of data) {
		if (r.cells.length === header.length) rows.push(r);
		else
			problems.add({
				file,
				line: r.line,
				reason:
					`${r.cells.length} velden, de kopregel heeft er ${header.length}` +
					(r.cells.length > header.length ? ' (staat er een komma in een getal of tekst zonder aanhalingstekens?)' : '')
			});
	}
	return { header, rows };
}

function csvErrorText(err: Papa.ParseError): string {
	switch (err.code) {
		case 'MissingQuotes':
			return 'aanhalingsteken niet afgesloten';
		case 'InvalidQuotes':
			return 'ongeldig aanhalingsteken in een veld';
		case 'TooFewFields':
			return 'te weinig velden op deze regel';
		case 'TooManyFields':
			return 'te veel velden op deze regel';
		default:
			return err.message;
	}
}

function inside(dir: string, rel: string): string | null {
	const full = path.resolve(dir, rel);
	return full.startsWith(path.resolve(dir) + path.sep) ? full : null;
}

/** Reads and validates the whole package; throws ImportError listing every problem. */
export async function readDataPackage(
	dir: string,
	opts: { focusAreasFile: string; rulesFile: string; progress: Progress }
): Promise<StagedPackage> {
	const problems = new ProblemList();
	const files: StagedFile[] = [];
	const descriptorFile = 'datapackage.json';
	const descriptorText = await readText(path.join(dir, descriptorFile), descriptorFile, problems);
	problems.throwIfAny();
	let descriptor: { created?: string; resources?: Resource[]; sources?: Record<string, unknown>[] };
	try {
		descriptor = JSON.parse(descriptorText!.text);
	} catch (e) {
		throw new ImportError([{ file: descriptorFile, reason: `geen geldige JSON: ${(e as Error).message}` }]);
	}
	files.push({ path: descriptorFile, sha256: descriptorText!.hash, rows: 0 });
	const resources = descriptor.resources ?? [];
	if (!Array.isArray(resources) || resources.length === 0) {
		throw new ImportError([{ file: descriptorFile, field: 'resources', reason: 'het pakket noemt geen bestanden' }]);
	}
	const packageYear = Number((descriptor.created ?? '').slice(0, 4)) || new Date().getFullYear();

	// Sources (publisher, licence, attribution) from the descriptor.
	const sources: StagedSource[] = [];
	for (const [i, s] of (descriptor.sources ?? []).entries()) {
		const id = typeof s.id === 'string' ? s.id : null;
		const attribution = typeof s.attribution === 'string' ? s.attribution : null;
		if (!id || !attribution) {
			problems.add({ file: descriptorFile, field: `sources[${i}]`, reason: 'bron zonder id of attribution (de licentie vereist een naamsvermelding)' });
			continue;
		}
		if (sources.some((other) => other.id === id)) {
			problems.add({ file: descriptorFile, field: `sources[${i}]`, reason: `bron ${id} komt twee keer voor` });
			continue;
		}
		const licence = (s.license ?? {}) as { name?: string; title?: string; path?: string };
		sources.push({
			id,
			title: String(s.title ?? id),
			publisher: typeof s.publisher === 'string' ? s.publisher : null,
			tableRef: typeof s.table === 'string' ? s.table : null,
			url: typeof s.path === 'string' ? s.path : null,
			licenceName: licence.name ?? null,
			licenceTitle: licence.title ?? null,
			licenceUrl: licence.path ?? null,
			attribution,
			caveats: Array.isArray(s.caveats) ? s.caveats.map(String) : []
		});
	}
	const sourceIds = new Set(sources.map((s) => s.id));

	// Read every resource file once (checksums over raw bytes).
	const texts = new Map<Resource, { text: string; file: string }>();
	for (const r of resources) {
		if (!r.path) {
			problems.add({ file: descriptorFile, field: `resources.${r.name ?? '?'}.path`, reason: 'bestandspad ontbreekt' });
			continue;
		}
		const full = inside(dir, r.path);
		if (!full) {
			problems.add({ file: descriptorFile, field: `resources.${r.name ?? '?'}.path`, reason: `pad ${r.path} ligt buiten het pakket` });
			continue;
		}
		const t = await readText(full, r.path, problems);
		if (!t) continue;
		if (r.hash && r.hash.startsWith('sha256:') && r.hash.slice(7) !== t.hash) {
			problems.add({ file: r.path, reason: 'controlegetal (sha256) wijkt af van datapackage.json: het bestand is gewijzigd of beschadigd' });
			continue;
		}
		texts.set(r, { text: t.text, file: r.path });
		files.push({ path: r.path, sha256: t.hash, rows: 0 });
	}
	const focusText = await readText(opts.focusAreasFile, path.basename(opts.focusAreasFile), problems);
	const rulesText = await readText(opts.rulesFile, path.basename(opts.rulesFile), problems);
	problems.throwIfAny();
	files.push({ path: path.basename(opts.focusAreasFile), sha256: focusText!.hash, rows: 0 });
	files.push({ path: path.basename(opts.rulesFile), sha256: rulesText!.hash, rows: 0 });
	const fileEntry = (p: string) => files.find((f) => f.path === p)!;

	const isBoundary = (r: Resource) => r.format === 'geojson';
	const isObservations = (r: Resource) => r.format === 'csv' && typeof r.source_id === 'string';
	const totalUnits = resources.length;
	opts.progress.phase('Controleren', totalUnits);

	// 1. Indicator registry.
	let rules: IndicatorRules;
	try {
		rules = JSON.parse(rulesText!.text);
	} catch (e) {
		throw new ImportError([{ file: path.basename(opts.rulesFile), reason: `geen geldige JSON: ${(e as Error).message}` }]);
	}
	const registry = readRegistryRules(rules, path.basename(opts.rulesFile), problems);
	problems.throwIfAny();
	const indicators: StagedIndicator[] = [];
	const indicatorResource = resources.find((r) => r.name === 'indicators');
	if (!indicatorResource || !texts.has(indicatorResource)) {
		problems.add({ file: descriptorFile, reason: 'het pakket mist de resource "indicators" (indicators.csv)' });
		problems.throwIfAny();
	}
	{
		const { text, file } = texts.get(indicatorResource!)!;
		const csv = parseCsv(text, file, problems);
		if (csv) {
			for (const { line, cells } of csv.rows) {
				const obj = Object.fromEntries(csv.header.map((h, i) => [h, cells[i] ?? '']));
				const parsed = indicatorRow.safeParse(obj);
				if (!parsed.success) {
					for (const p of zodProblems(parsed.error)) problems.add({ file, line, ...p });
					continue;
				}
				const r = parsed.data;
				if (indicators.some((i) => i.key === r.indicator)) {
					problems.add({ file, line, field: 'indicator', reason: `${r.indicator} komt twee keer voor` });
					continue;
				}
				const fromRules = registryFields(r, registry!, { file, line, rulesFile: path.basename(opts.rulesFile) }, problems);
				if (!fromRules) continue;
				const rule = rules.indicators?.[r.indicator] ?? {};
				const byUnit = rules.weight_by_unit?.[r.unit];
				const weight = r.kind === 'count' ? null : (rule.weight ?? (r.denominator_indicator || null) ?? byUnit?.weight ?? null);
				indicators.push({
					key: r.indicator,
					labelNl: r.label_nl,
					labelEn: r.label_en,
					unit: r.unit,
					definitionNl: r.definition_nl,
					definitionEn: r.definition_en,
					higherIsBetter: r.higher_is_better === '' ? null : r.higher_is_better === 'true',
					kind: r.kind,
					denominator: r.denominator_indicator || null,
					weight,
					numerator: rule.numerator ?? null,
					scale: rule.scale ?? null,
					estimate: r.estimate === 'true',
					theme: r.theme,
					sourceTable: r.source_table,
					...fromRules
				});
			}
			fileEntry(file).rows = csv.rows.length;
		}
		opts.progress.advance(1, file);
	}
	const indicatorKeys = new Set(indicators.map((i) => i.key));
	for (const i of indicators) {
		for (const ref of [i.weight, i.numerator, i.denominator]) {
			if (ref && !indicatorKeys.has(ref)) {
				problems.add({ file: indicatorResource!.path!, field: i.key, reason: `verwijst naar onbekende indicator ${ref}` });
			}
		}
	}

	// 2. Areas: from boundaries (names) and the list of codes without geometry.
	const areas = new Map<string, StagedArea>();
	areas.set('NL01', { code: 'NL01', level: 'land', name: 'Nederland', gemeenteCode: null, wijkCode: null, note: null, superseded: false, vintage: 9999 });
	const boundaries: StagedBoundary[] = [];
	// code:vintage → where it was seen first (one boundary per area and vintage, over all files).
	const seen = new Map<string, string>();
	for (const r of resources.filter(isBoundary)) {
		const entry = texts.get(r);
		if (!entry) continue;
		const { text, file } = entry;
		const level = r.area_level as AreaLevel;
		const vintage = Number(r.area_year);
		const crs = (r.crs ?? 'EPSG:4326').toUpperCase();
		if (!['gemeente', 'wijk', 'buurt'].includes(level)) {
			problems.add({ file: descriptorFile, field: `resources.${r.name}.area_level`, reason: `onbekend niveau "${r.area_level}" (gemeente, wijk of buurt)` });
			continue;
		}
		if (!Number.isInteger(vintage) || vintage < 1900 || vintage > 2100) {
			problems.add({ file: descriptorFile, field: `resources.${r.name}.area_year`, reason: 'jaargang van de grenzen ontbreekt of is geen jaartal' });
			continue;
		}
		if (crs !== 'EPSG:4326' && crs !== 'EPSG:28992') {
			problems.add({ file: descriptorFile, field: `resources.${r.name}.crs`, reason: `coördinatenstelsel ${crs} wordt niet ondersteund (EPSG:4326 of EPSG:28992)` });
			continue;
		}
		let fc: { type?: string; features?: unknown[] };
		try {
			fc = JSON.parse(text);
		} catch (e) {
			problems.add({ file, reason: `geen geldige JSON: ${(e as Error).message}` });
			continue;
		}
		if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
			problems.add({ file, reason: 'geen GeoJSON FeatureCollection' });
			continue;
		}
		const sourceId = r.sources?.[0]?.id ?? r.name ?? file;
		fc.features.forEach((f, idx) => {
			const feature = idx + 1;
			const props = ((f as { properties?: Record<string, unknown> }).properties ?? {}) as Record<string, unknown>;
			const code = typeof props.code === 'string' ? props.code : '';
			if (levelOfCode(code) !== level) {
				problems.add({ file, feature, field: 'code', reason: code ? `${code} is geen ${level}code` : 'code ontbreekt' });
				return;
			}
			const first = seen.get(`${code}:${vintage}`);
			if (first) {
				problems.add({ file, feature, field: 'code', reason: `${code} komt twee keer voor in jaargang ${vintage} (ook in ${first})` });
				return;
			}
			seen.set(`${code}:${vintage}`, `${file} feature ${feature}`);
			const geom = (f as { geometry?: unknown }).geometry;
			for (const reason of geometryProblems(geom, crs as 'EPSG:4326' | 'EPSG:28992')) {
				problems.add({ file, feature, field: 'geometry', reason: `${code}: ${reason}` });
			}
			const name = typeof props.name === 'string' && props.name.trim() ? props.name.trim() : null;
			const prev = areas.get(code);
			if (!prev || prev.vintage <= vintage) {
				areas.set(code, {
					code,
					level,
					name: name ?? prev?.name ?? null,
					gemeenteCode: level === 'gemeente' ? code : (typeof props.gemeentecode === 'string' ? props.gemeentecode : gemeenteOfCode(code)),
					wijkCode: level === 'buurt' ? (typeof props.wijkcode === 'string' ? props.wijkcode : wijkOfCode(code)) : null,
					note: null,
					superseded: false,
					vintage
				});
			}
			boundaries.push({
				code,
				level: level as StagedBoundary['level'],
				vintage,
				quality: typeof props.geometry_quality === 'string' ? props.geometry_quality : 'exact',
				sourceId,
				srid: crs === 'EPSG:28992' ? 28992 : 4326,
				geometry: JSON.stringify(geom),
				file,
				feature
			});
		});
		fileEntry(file).rows = fc.features.length;
		opts.progress.advance(1, file);
	}
	const unmatched = resources.find((r) => r.name === 'unmatched-areas');
	if (unmatched && texts.has(unmatched)) {
		const { text, file } = texts.get(unmatched)!;
		const csv = parseCsv(text, file, problems);
		if (csv) {
			const ci = (h: string) => csv.header.indexOf(h);
			for (const { line, cells } of csv.rows) {
				const code = cells[ci('area_code')] ?? '';
				const level = levelOfCode(code);
				if (!level) {
					problems.add({ file, line, field: 'area_code', reason: `geen CBS-gebiedscode: "${code}"` });
					continue;
				}
				if (!areas.has(code)) {
					const reason = cells[ci('reason')] || 'geen grens in het pakket';
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
			}
			fileEntry(file).rows = csv.rows.length;
		}
		opts.progress.advance(1, file);
	}

	// 3. Observations.
	const observations: StagedObservation[] = [];
	const seenKey = new Map<string, string>();
	for (const r of resources.filter(isObservations)) {
		const entry = texts.get(r);
		if (!entry) continue;
		const { text, file } = entry;
		const sourceId = r.source_id!;
		if (!sourceIds.has(sourceId)) {
			problems.add({ file: descriptorFile, field: `resources.${r.name}.source_id`, reason: `bron ${sourceId} staat niet in sources` });
		}
		const csv = parseCsv(text, file, problems);
		if (!csv) continue;
		if (csv.header.join(',') !== OBSERVATION_HEADER.join(',')) {
			problems.add({ file, line: 1, reason: `kopregel moet precies "${OBSERVATION_HEADER.join(',')}" zijn (gekregen: "${csv.header.join(',')}")` });
			continue;
		}
		for (const { line, cells } of csv.rows) {
			const parsed = observationRow.safeParse({
				area_code: cells[0],
				area_level: cells[1],
				period: cells[2],
				indicator: cells[3],
				value: cells[4],
				source: cells[5]
			});
			if (!parsed.success) {
				for (const p of zodProblems(parsed.error)) problems.add({ file, line, ...p });
				continue;
			}
			const o = parsed.data;
			if (!indicatorKeys.has(o.indicator)) {
				problems.add({ file, line, field: 'indicator', reason: `onbekende indicator "${o.indicator}" (niet in indicators.csv)` });
				continue;
			}
			if (o.source !== sourceId) {
				problems.add({ file, line, field: 'source', reason: `bron "${o.source}" hoort niet bij dit bestand (verwacht ${sourceId})` });
				continue;
			}
			if (!areas.has(o.area_code)) {
				problems.add({ file, line, field: 'area_code', reason: `onbekende gebiedscode ${o.area_code} (geen grens en niet in unmatched_areas.csv)` });
				continue;
			}
			const key = `${o.area_code}|${o.indicator}|${o.period}`;
			const prev = seenKey.get(key);
			if (prev) {
				problems.add({ file, line, reason: `dubbele waarde voor ${o.area_code}, ${o.indicator}, ${o.period} (ook in ${prev})` });
				continue;
			}
			seenKey.set(key, `${file} regel ${line}`);
			observations.push({
				areaCode: o.area_code,
				indicator: o.indicator,
				period: o.period,
				value: o.value,
				sourceId,
				provisional: isProvisional(sourceId, o.period, packageYear)
			});
		}
		fileEntry(file).rows = csv.rows.length;
		opts.progress.advance(1, file);
	}

	// 4. Focus areas: every member must be a known area of the stated level.
	const focusAreas: FocusAreaRecord[] = [];
	const focusFile = path.basename(opts.focusAreasFile);
	let focusJson: unknown;
	try {
		focusJson = JSON.parse(focusText!.text);
	} catch (e) {
		problems.add({ file: focusFile, reason: `geen geldige JSON: ${(e as Error).message}` });
	}
	if (Array.isArray(focusJson)) {
		focusJson.forEach((rec, idx) => {
			const parsed = focusAreaRecord.safeParse(rec);
			if (!parsed.success) {
				for (const p of zodProblems(parsed.error)) problems.add({ file: focusFile, feature: idx + 1, ...p });
				return;
			}
			if (focusAreas.some((f) => f.id === parsed.data.id)) {
				problems.add({ file: focusFile, feature: idx + 1, field: 'id', reason: `${parsed.data.id} komt twee keer voor` });
				return;
			}
			for (const code of new Set(parsed.data.codes.filter((c, i, all) => all.indexOf(c) !== i))) {
				problems.add({ file: focusFile, feature: idx + 1, field: 'codes', reason: `${parsed.data.name}: ${code} komt twee keer voor` });
			}
			for (const code of parsed.data.codes) {
				const a = areas.get(code);
				if (!a || a.level !== parsed.data.level) {
					problems.add({ file: focusFile, feature: idx + 1, field: 'codes', reason: `${parsed.data.name}: ${code} is geen bekende ${parsed.data.level}` });
				}
			}
			focusAreas.push(parsed.data);
		});
		fileEntry(focusFile).rows = focusJson.length;
	} else if (focusJson !== undefined) {
		problems.add({ file: focusFile, reason: 'verwacht een lijst van focusgebieden' });
	}
	problems.throwIfAny();

	const checksum = sha256(files.map((f) => `${f.path}:${f.sha256}`).sort().join('\n'));
	return {
		input: path.resolve(dir),
		checksum,
		files,
		sources,
		indicators,
		areas: [...areas.values()],
		boundaries,
		observations,
		focusAreas
	};
}
