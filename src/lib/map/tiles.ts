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
	focusLine: 'focusgebied-rand'
} as const;

/** The Netherlands, [west, south, east, north] in WGS84: the view without a gemeente. */
export const NL_BBOX: [number, number, number, number] = [3.31, 50.75, 7.23, 53.56];
