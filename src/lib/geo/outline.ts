/**
 * A small static outline map in SVG: (Multi)Polygons in EPSG:4326 projected
 * with an equirectangular projection around the middle latitude (fine at the
 * scale of a city) and fitted to a box. Pure; the server turns a handful of
 * simplified boundaries into path strings, so no GeoJSON reaches the page.
 */

type Ring = [number, number][];
export type PolygonGeometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

export interface OutlineFeature {
	code: string;
	geometry: PolygonGeometry;
}

/** [minLon, minLat, maxLon, maxLat] */
export type BBox = [number, number, number, number];

const polygons = (g: PolygonGeometry): Ring[][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

export function bboxOf(features: OutlineFeature[]): BBox | null {
	let b: BBox | null = null;
	for (const f of features)
		for (const poly of polygons(f.geometry))
			for (const ring of poly)
				for (const [x, y] of ring) {
					if (!b) b = [x, y, x, y];
					else b = [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)];
				}
	return b;
}

/** The box grown by `factor` of its size on every side. */
export function expand(b: BBox, factor: number): BBox {
	const dx = (b[2] - b[0]) * factor;
	const dy = (b[3] - b[1]) * factor;
	return [b[0] - dx, b[1] - dy, b[2] + dx, b[3] + dy];
}

export interface Projected {
	code: string;
	/** SVG path data in the output box, y down. */
	d: string;
}

/**
 * Paths of `features` in a `width` × `height` box with `padding`, such that
 * `fit` fills the box (aspect kept, centred). Coordinates to 0.1 px.
 */
export function outlinePaths(features: OutlineFeature[], fit: BBox, width: number, height: number, padding = 8): Projected[] {
	const k = Math.cos((((fit[1] + fit[3]) / 2) * Math.PI) / 180);
	const w = Math.max((fit[2] - fit[0]) * k, 1e-9);
	const h = Math.max(fit[3] - fit[1], 1e-9);
	const s = Math.min((width - 2 * padding) / w, (height - 2 * padding) / h);
	const ox = (width - w * s) / 2;
	const oy = (height - h * s) / 2;
	const r = (v: number) => Math.round(v * 10) / 10;
	const pt = ([lon, lat]: [number, number]) => `${r(ox + (lon - fit[0]) * k * s)},${r(oy + (fit[3] - lat) * s)}`;
	return features.map((f) => ({
		code: f.code,
		d: polygons(f.geometry)
			.flatMap((poly) => poly.map((ring) => `M${ring.map(pt).join('L')}Z`))
			.join('')
	}));
}
