/**
 * The descriptor of a data package (`datapackage.json`, Frictionless layout as
 * nl-wijkaanpak writes it): the package's creation date, its sources (publisher,
 * licence, attribution) and its resources. Fields this project reads beyond the
 * Frictionless standard, per resource:
 *
 * - boundaries (`format: "geojson"`): `area_level`, `area_year`, `crs`
 *   (EPSG:4326, the default, or EPSG:28992);
 * - observations (`format: "csv"` with `source_id`): `row_count` (when given it
 *   must match the file; `0` is the only way to declare a file meant to be
 *   empty, whose source then loses all its figures) and `provisional_years`
 *   (see `isProvisional` in observations.ts);
 * - any CSV: `dialect.delimiter` (default `,`).
 */
import { z } from 'zod';
import { readPackageFile } from './files';
import { ImportError, shown, type ProblemList } from './problems';
import type { StagedSource } from './staged';
import { fieldOf, parseNl, text, zodProblems } from './validate';

export const DESCRIPTOR_FILE = 'datapackage.json';

const packageSchema = z.looseObject({
	created: z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}/, 'geen datum (JJJJ-MM-DD…)')
		.optional(),
	resources: z.array(z.unknown(), 'het pakket noemt geen bestanden').min(1, 'het pakket noemt geen bestanden'),
	sources: z.array(z.unknown()).default([])
});

const sourceSchema = z.looseObject({
	id: text('bron zonder id').min(1, 'bron zonder id'),
	title: text().optional(),
	publisher: text().optional(),
	table: text().optional(),
	path: text().optional(),
	license: z.looseObject({ name: text().optional(), title: text().optional(), path: text().optional() }).optional(),
	attribution: text('bron zonder attribution (de licentie vereist een naamsvermelding)').min(1, 'lege attribution (de licentie vereist een naamsvermelding)'),
	caveats: z.array(text()).optional()
});

export const resourceSchema = z.looseObject({
	name: z.string('naam ontbreekt').min(1, 'naam ontbreekt'),
	path: z.string('bestandspad ontbreekt').min(1, 'bestandspad ontbreekt'),
	format: z.string().optional(),
	/** `sha256:<hex>` is checked against the file; other algorithms are not */
	hash: z.string().optional(),
	crs: z.string().optional(),
	area_level: z.unknown().optional(),
	area_year: z.unknown().optional(),
	source_id: text().min(1).optional(),
	sources: z.array(z.looseObject({ id: text().optional() })).optional(),
	dialect: z.looseObject({ delimiter: z.string().length(1, 'moet één teken zijn').optional() }).optional(),
	row_count: z.number().int().min(0).optional(),
	/** figures of this resource are provisional until this many years after their period */
	provisional_years: z.number().int().min(0).max(100).optional()
});
export type Resource = z.output<typeof resourceSchema>;

/** What a boundary resource must say about its files. */
const boundaryMeta = z.object({
	area_level: z.enum(['gemeente', 'wijk', 'buurt'], { error: (i) => `onbekend niveau ${shown(String(i.input))} (gemeente, wijk of buurt)` }),
	area_year: z.number('jaargang van de grenzen ontbreekt of is geen jaartal').int('geen jaartal').min(1900, 'geen jaartal').max(2100, 'geen jaartal'),
	crs: z
		.string()
		.default('EPSG:4326')
		.transform((c) => c.toUpperCase())
		.pipe(
			z.enum(['EPSG:4326', 'EPSG:28992'], { error: (i) => `coördinatenstelsel ${shown(String(i.input))} wordt niet ondersteund (EPSG:4326 of EPSG:28992)` })
		)
});
export type BoundaryMeta = z.output<typeof boundaryMeta>;

export const isBoundaryResource = (r: Resource) => r.format === 'geojson';
export const isObservationResource = (r: Resource) => r.format === 'csv' && typeof r.source_id === 'string';

export interface Descriptor {
	/** sha256 of datapackage.json */
	hash: string;
	/** year of `created`; the current year when the package does not say */
	year: number;
	sources: StagedSource[];
	resources: Resource[];
	/** level, vintage and CRS of each boundary resource */
	boundaries: Map<Resource, BoundaryMeta>;
}

/** Reads and checks datapackage.json in `dir`; throws ImportError when it is unusable. */
export async function readDescriptor(dir: string, problems: ProblemList): Promise<Descriptor> {
	const file = await readPackageFile(dir, DESCRIPTOR_FILE, problems);
	problems.throwIfAny();
	let json: unknown;
	try {
		json = JSON.parse(file!.text);
	} catch (e) {
		throw new ImportError([{ file: DESCRIPTOR_FILE, reason: `geen geldige JSON: ${shown((e as Error).message)}` }]);
	}
	const top = parseNl(packageSchema, json);
	if (!top.success) throw new ImportError(zodProblems(top.error).map((p) => ({ file: DESCRIPTOR_FILE, ...p })));
	const resources: Resource[] = [];
	const boundaries = new Map<Resource, BoundaryMeta>();
	const names = new Set<string>();
	const paths = new Set<string>();
	top.data.resources.forEach((raw, i) => {
		const r = parseNl(resourceSchema, raw);
		const label = typeof (raw as { name?: unknown })?.name === 'string' ? (raw as { name: string }).name : String(i);
		const add = (field: string | undefined, reason: string) =>
			problems.add({ file: DESCRIPTOR_FILE, field: `resources.${shown(label)}${field ? `.${field}` : ''}`, reason });
		if (!r.success) {
			for (const p of zodProblems(r.error)) add(p.field, p.reason);
			return;
		}
		if (names.has(r.data.name)) add(undefined, `de naam ${shown(r.data.name)} komt twee keer voor`);
		if (paths.has(r.data.path)) add('path', `${shown(r.data.path)} staat twee keer in het pakket`);
		names.add(r.data.name);
		paths.add(r.data.path);
		if (isBoundaryResource(r.data)) {
			const meta = parseNl(boundaryMeta, r.data);
			if (!meta.success) {
				for (const p of zodProblems(meta.error)) add(p.field, p.reason);
				return;
			}
			boundaries.set(r.data, meta.data);
		}
		resources.push(r.data);
	});
	return {
		hash: file!.hash,
		year: top.data.created ? Number(top.data.created.slice(0, 4)) : new Date().getFullYear(),
		sources: readSources(top.data.sources, problems),
		resources,
		boundaries
	};
}

/** Sources (publisher, licence, attribution); each needs an id and an attribution. */
function readSources(raw: unknown[], problems: ProblemList): StagedSource[] {
	const sources: StagedSource[] = [];
	raw.forEach((item, i) => {
		const parsed = parseNl(sourceSchema, item);
		if (!parsed.success) {
			for (const p of zodProblems(parsed.error))
				problems.add({ file: DESCRIPTOR_FILE, field: fieldOf(['sources', i, ...(p.field ? [p.field] : [])]), reason: p.reason });
			return;
		}
		const s = parsed.data;
		if (sources.some((other) => other.id === s.id)) {
			problems.add({ file: DESCRIPTOR_FILE, field: `sources[${i}]`, reason: `bron ${shown(s.id)} komt twee keer voor` });
			return;
		}
		sources.push({
			id: s.id,
			title: s.title ?? s.id,
			publisher: s.publisher ?? null,
			tableRef: s.table ?? null,
			url: s.path ?? null,
			licenceName: s.license?.name ?? null,
			licenceTitle: s.license?.title ?? null,
			licenceUrl: s.license?.path ?? null,
			attribution: s.attribution,
			caveats: s.caveats ?? []
		});
	});
	return sources;
}
