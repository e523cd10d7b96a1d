/**
 * PDOK's WFS 2.0 of the CBS Wijk- en Buurtkaart: gemeente, wijk or buurt
 * boundaries of one year, optionally of one gemeente, paged with
 * count/startIndex. Features become staged boundaries with their geometry as
 * GeoJSON text in the CRS the answer declares (RD New, EPSG:28992, unless
 * EPSG:4326 was asked for). Water-only features (`water` = 'JA') are left out.
 */
import type { StagedBoundary } from '../staged';
import { geometryProblems } from '../geojson';
import { shown, type Problem } from '../problems';
import { silentProgress, type Progress } from '../progress';
import { getText, type HttpOptions } from './http';

export type BoundaryLevel = StagedBoundary['level'];

/** PDOK layer and the properties holding code and name, per level. */
const LAYERS: Record<BoundaryLevel, { typeName: string; code: string; name: string }> = {
	gemeente: { typeName: 'wijkenbuurten:gemeenten', code: 'gemeentecode', name: 'gemeentenaam' },
	wijk: { typeName: 'wijkenbuurten:wijken', code: 'wijkcode', name: 'wijknaam' },
	buurt: { typeName: 'wijkenbuurten:buurten', code: 'buurtcode', name: 'buurtnaam' }
};

const CODE: Record<BoundaryLevel, RegExp> = { gemeente: /^GM\d{4}$/, wijk: /^WK\d{6}$/, buurt: /^BU\d{8}$/ };

export interface WfsRequest {
	year: number;
	level: BoundaryLevel;
	gemeente: string | null;
	srid: 4326 | 28992;
}

export interface WfsOptions {
	http?: HttpOptions;
	progress?: Progress;
	/** features per page (default 1000) */
	count?: number;
}

/** A fetched boundary with its name, for writing a GeoJSON file beside the staged form. */
export interface FetchedBoundary extends StagedBoundary {
	name: string | null;
	gemeenteCode: string | null;
}

export interface WfsResult {
	boundaries: FetchedBoundary[];
	problems: Problem[];
	notes: string[];
}

/** The service URL of `year`: `{jaar}` in the base is replaced (https://service.pdok.nl/cbs/wijkenbuurten/{jaar}/wfs/v1_0). */
export const wfsServiceUrl = (base: string, year: number) => base.replace('{jaar}', String(year));

/** A FES 2.0 filter on the gemeente code: plain WFS 2.0, no server-specific CQL. */
function gemeenteFilter(gemeente: string): string {
	const literal = gemeente.replace(/[<>&'"]/g, '');
	return (
		'<fes:Filter xmlns:fes="http://www.opengis.net/fes/2.0"><fes:PropertyIsEqualTo>' +
		`<fes:ValueReference>gemeentecode</fes:ValueReference><fes:Literal>${literal}</fes:Literal>` +
		'</fes:PropertyIsEqualTo></fes:Filter>'
	);
}

export function getFeatureUrl(base: string, req: WfsRequest, startIndex: number, count: number): string {
	const params = new URLSearchParams({
		service: 'WFS',
		version: '2.0.0',
		request: 'GetFeature',
		typeNames: LAYERS[req.level].typeName,
		outputFormat: 'application/json',
		srsName: `EPSG:${req.srid}`,
		count: String(count),
		startIndex: String(startIndex)
	});
	if (req.gemeente) params.set('filter', gemeenteFilter(req.gemeente));
	return `${wfsServiceUrl(base, req.year)}?${params.toString().replace(/\+/g, '%20')}`;
}

/** The EPSG code a GeoJSON `crs` member names (urn:ogc:def:crs:EPSG::28992, EPSG:4326, CRS84), or null. */
export function declaredSrid(crs: unknown): 4326 | 28992 | null | 'other' {
	const name = (crs as { properties?: { name?: unknown } } | undefined)?.properties?.name;
	if (typeof name !== 'string') return null;
	if (/CRS84$/i.test(name)) return 4326;
	const code = /EPSG:+(\d+)$/i.exec(name)?.[1];
	return code === '28992' ? 28992 : code === '4326' ? 4326 : 'other';
}

interface Page {
	features: unknown[];
	numberMatched: number | null;
	numberReturned: number;
	srid: 4326 | 28992 | null | 'other';
}

function readPage(text: string): Page | string {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		const start = text.trim().slice(0, 60);
		return /ExceptionReport/.test(text) ? `de WFS gaf een foutmelding in plaats van GeoJSON (${shown(start)})` : `geen JSON (begint met ${shown(start)})`;
	}
	const fc = json as { type?: unknown; features?: unknown; numberMatched?: unknown; numberReturned?: unknown; crs?: unknown };
	if (!fc || typeof fc !== 'object' || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
		return `geen GeoJSON FeatureCollection (type ${shown(String((fc as { type?: unknown } | null)?.type))})`;
	}
	return {
		features: fc.features,
		numberMatched: typeof fc.numberMatched === 'number' ? fc.numberMatched : null,
		numberReturned: typeof fc.numberReturned === 'number' ? fc.numberReturned : fc.features.length,
		srid: declaredSrid(fc.crs)
	};
}

/**
 * Fetches every page of `req`: until a page returns fewer than `count`
 * features, or `numberMatched` is reached. `sourceId` names the source of the
 * staged boundaries. A page that is not a FeatureCollection ends the paging
 * with a problem; a feature without a usable code or geometry is a problem
 * and left out. Throws `OfflineError`/`HttpError` when PDOK cannot be reached.
 */
export async function fetchBoundaries(base: string, req: WfsRequest, sourceId: string, options: WfsOptions = {}): Promise<WfsResult> {
	const http = { service: 'PDOK', ...options.http };
	const progress = options.progress ?? silentProgress;
	const count = options.count ?? 1000;
	const layer = LAYERS[req.level];
	const file = `${layer.typeName} ${req.year}`;
	const boundaries: FetchedBoundary[] = [];
	const problems: Problem[] = [];
	let water = 0;
	let startIndex = 0;
	let phased = false;
	for (let n = 1; ; n++) {
		const page = readPage(await getText(getFeatureUrl(base, req, startIndex, count), http));
		if (typeof page === 'string') {
			problems.push({ file, reason: `pagina ${n}: ${page}` });
			break;
		}
		if (page.srid === 'other') {
			problems.push({ file, reason: `pagina ${n}: het antwoord is in een ander coördinatenstelsel dan EPSG:${req.srid}` });
			break;
		}
		if (!phased) {
			progress.phase(`PDOK ${layer.typeName} ${req.year}`, page.numberMatched ?? page.numberReturned);
			phased = true;
		}
		const srid = page.srid ?? req.srid;
		page.features.forEach((raw, i) => {
			const feature = startIndex + i + 1;
			const props = ((raw as { properties?: unknown })?.properties ?? {}) as Record<string, unknown>;
			if (props.water === 'JA') {
				water++;
				return;
			}
			const gemeenteCode = typeof props.gemeentecode === 'string' ? props.gemeentecode.trim() : null;
			// Checked again here: a server that ignores the filter must not fill the file with the whole country.
			if (req.gemeente && gemeenteCode && gemeenteCode !== req.gemeente) return;
			const code = typeof props[layer.code] === 'string' ? (props[layer.code] as string).trim() : '';
			if (!CODE[req.level].test(code)) {
				problems.push({ file, feature, field: layer.code, reason: code ? `${shown(code)} is geen ${req.level}code` : `${layer.code} ontbreekt` });
				return;
			}
			const geometry = (raw as { geometry?: unknown }).geometry;
			const bad = geometryProblems(geometry, srid === 4326 ? 'EPSG:4326' : 'EPSG:28992');
			if (bad.length) {
				problems.push({ file, feature, field: 'geometry', reason: `${code}: ${bad[0]}` });
				return;
			}
			const name = typeof props[layer.name] === 'string' ? (props[layer.name] as string).trim() || null : null;
			boundaries.push({
				code,
				level: req.level,
				vintage: req.year,
				quality: 'exact',
				sourceId,
				srid,
				geometry: JSON.stringify(geometry),
				file,
				feature,
				name,
				gemeenteCode
			});
		});
		progress.advance(page.features.length, `pagina ${n}`);
		startIndex += page.numberReturned;
		const done = page.numberReturned < count || page.features.length === 0 || (page.numberMatched != null && startIndex >= page.numberMatched);
		if (done) break;
	}
	const notes = water ? [`${water} ${water === 1 ? 'waterdeel' : 'waterdelen'} (water = JA) weggelaten.`] : [];
	return { boundaries, problems, notes };
}
