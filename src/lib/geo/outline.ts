/**
 * A small static outline map in SVG: (Multi)Polygons in EPSG:4326 (lon/lat)
 * projected in Web Mercator and fitted to a box. At the scale of a city that is
 * the equirectangular projection around the middle latitude, with north up and
 * the ground's proportions kept. Pure; the server turns a handful of
 * simplified boundaries into path strings, so no GeoJSON reaches the page.
 *
 * Why turf and d3-geo here: this is geometry done in JavaScript on a few small
 * polygons the page has already fetched (@turf/bbox for the box, d3-geo for
 * the projection and the SVG paths). PostGIS does everything that runs in the
 * database (choosing, simplifying and writing the boundaries).
 */
import { bbox } from '@turf/bbox';
import { geoMercator, geoPath, type GeoStream } from 'd3-geo';

type Ring = [number, number][];
export type PolygonGeometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

export interface OutlineFeature {
	code: string;
	geometry: PolygonGeometry;
}

/** [minLon, minLat, maxLon, maxLat] */
export type BBox = [number, number, number, number];

/** The box around all features; null when there are no coordinates. */
export function bboxOf(features: OutlineFeature[]): BBox | null {
	const [minLon, minLat, maxLon, maxLat] = bbox({ type: 'GeometryCollection', geometries: features.map((f) => f.geometry) });
	return Number.isFinite(minLon) ? [minLon, minLat, maxLon, maxLat] : null;
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
 * No cut along the antimeridian: d3-geo reads a ring on the sphere, where a
 * counter-clockwise ring (RFC 7946) encloses all of the globe but the polygon,
 * and PostGIS writes rings as they were stored. These outlines are small and
 * far from the antimeridian, so they are drawn as plane figures and their
 * winding does not matter.
 */
const planar = (stream: GeoStream) => stream;

/**
 * Paths of `features` in a `width` × `height` box with `padding`, such that
 * `fit` fills the box (aspect kept, centred). Vertices are projected as they
 * are (no resampling of edges a few metres long), to 0.1 px.
 */
export function outlinePaths(features: OutlineFeature[], fit: BBox, width: number, height: number, padding = 8): Projected[] {
	const corners = { type: 'MultiPoint' as const, coordinates: [fit.slice(0, 2), fit.slice(2, 4)] };
	const projection = geoMercator()
		.preclip(planar)
		.precision(0)
		.fitExtent(
			[
				[padding, padding],
				[width - padding, height - padding]
			],
			corners
		);
	const path = geoPath(projection).digits(1);
	return features.map((f) => ({ code: f.code, d: path(f.geometry) ?? '' }));
}
