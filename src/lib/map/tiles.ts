/**
 * The contract between the tile route and the map: levels, layer name, tile
 * grid and URL scheme. Shared by server and browser.
 */

export const AREA_LEVELS = ['gemeente', 'wijk', 'buurt'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

/** Tile sets: the three CBS levels plus focus areas (the union of their member wijken/buurten). */
export const TILE_LEVELS = [...AREA_LEVELS, 'focusgebied'] as const;
export type TileLevel = (typeof TILE_LEVELS)[number];

export function isAreaLevel(v: unknown): v is AreaLevel {
	return typeof v === 'string' && (AREA_LEVELS as readonly string[]).includes(v);
}
export function isTileLevel(v: unknown): v is TileLevel {
	return typeof v === 'string' && (TILE_LEVELS as readonly string[]).includes(v);
}

/** The one layer in every tile. Features carry `code`, `name`, `gm` (gemeente code) and `quality` (geometry_quality). */
export const TILE_LAYER = 'gebieden';
/** MVT grid: 4096 units per tile side, 64 units of buffer against seams at tile edges. */
export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;
/** Tiles are cut up to this zoom; MapLibre overzooms beyond it. */
export const TILE_MAX_ZOOM = 14;
/** The route answers up to this zoom (it can cut any zoom; beyond this a request is a mistake). */
export const ROUTE_MAX_ZOOM = 22;

/**
 * The lowest zoom at which a level has tiles. Below it a tile would hold a
 * whole country of areas far smaller than a pixel (a z0 buurt tile: 14 000
 * buurten, ~1 MB, ~1 s): the route answers 204 and the map does not ask. At
 * zoom 5 the Netherlands spans a phone screen.
 */
export const TILE_MIN_ZOOM: Record<TileLevel, number> = { gemeente: 0, wijk: 4, buurt: 5, focusgebied: 0 };

const ok = (n: number) => Number.isInteger(n);
const intParam = (s: string) => (/^\d{1,8}$/.test(s) ? Number(s) : NaN);

/**
 * Validates the route parameters. Returns an error message (for a 400) or the
 * request; a missing `jaargang` means the newest vintage of the level.
 */
export function parseTileParams(
	p: { level: string; z: string; x: string; y: string },
	search: URLSearchParams
): { error: string } | { level: TileLevel; vintage: number | null; z: number; x: number; y: number } {
	if (!isTileLevel(p.level)) return { error: `Onbekend niveau "${p.level}" (gemeente, wijk, buurt of focusgebied).` };
	const z = intParam(p.z);
	const x = intParam(p.x);
	const y = intParam(p.y.replace(/\.(mvt|pbf)$/, ''));
	if (![z, x, y].every(ok)) return { error: 'z, x en y moeten gehele getallen zijn.' };
	if (z > ROUTE_MAX_ZOOM) return { error: `Zoomniveau ${z} is groter dan ${ROUTE_MAX_ZOOM}.` };
	const n = 2 ** z;
	if (x >= n || y >= n) return { error: `Tegel ${x}/${y} bestaat niet op zoomniveau ${z} (0–${n - 1}).` };
	const j = search.get('jaargang');
	let vintage: number | null = null;
	if (j != null && j !== '') {
		vintage = /^\d{4}$/.test(j) ? Number(j) : NaN;
		if (!ok(vintage)) return { error: 'jaargang moet een jaartal zijn.' };
	}
	return { level: p.level, vintage, z, x, y };
}

/**
 * The tile URL template for MapLibre. `version` is the data version: it makes
 * the URL immutable, so the browser may keep a tile for a year; a new import
 * gives new URLs.
 */
export function tileUrlTemplate(origin: string, level: TileLevel, vintage: number, version: string): string {
	return `${origin}/tiles/${level}/{z}/{x}/{y}?jaargang=${vintage}&v=${encodeURIComponent(version)}`;
}

/** MapLibre ids of the sources and layers, for queries and tests. */
export const MAP_IDS = {
	areas: 'gebieden',
	focus: 'focusgebieden',
	hatch: 'gebied-geen-cijfer',
	fill: 'gebied-kleur',
	context: 'gebied-buiten-gemeente',
	border: 'gebied-rand',
	focusCasing: 'focusgebied-rand-wit',
	focusLine: 'focusgebied-rand',
	spiral: 'gebied-spiraal',
	spiralCasing: 'gebied-spiraal-wit',
	focusSpiral: 'focusgebied-spiraal',
	focusSpiralCasing: 'focusgebied-spiraal-wit'
} as const;

/** The Netherlands, [west, south, east, north] in WGS84: the view without a gemeente. */
export const NL_BBOX: [number, number, number, number] = [3.31, 50.75, 7.23, 53.56];
