/**
 * MapLibre style expressions for the choropleth. Values are joined through
 * feature-state (key `v` for the value, `d` for the difference from the city),
 * so switching indicator, year or mode changes paint, never tiles. Pure.
 */
import type { ExpressionSpecification, FilterSpecification } from 'maplibre-gl';

export type ValueKey = 'v' | 'd';

/** Fully transparent: the hatch layer underneath shows through. */
export const TRANSPARENT = 'rgba(0,0,0,0)';

const hasNumber = (key: ValueKey): ExpressionSpecification => ['==', ['typeof', ['feature-state', key]], 'number'];

/**
 * Fill colour from class breaks: `step` over the feature-state value; areas
 * without a value are transparent (the hatch layer shows "no data").
 * `colours` has one more entry than `breaks`.
 */
export function fillColor(breaks: number[], colours: string[], key: ValueKey): ExpressionSpecification | string {
	if (colours.length === 0) return TRANSPARENT;
	if (colours.length !== breaks.length + 1) throw new Error(`${colours.length} colours for ${breaks.length} breaks`);
	if (breaks.length === 0) return ['case', hasNumber(key), colours[0], TRANSPARENT];
	const ramp = ['step', ['to-number', ['feature-state', key]], colours[0], ...breaks.flatMap((b, i) => [b, colours[i + 1]])] as ExpressionSpecification;
	return ['case', hasNumber(key), ramp, TRANSPARENT];
}

/** Opacity of the hatch ("no data") layer: shown only where the feature has no value. */
export function noDataOpacity(key: ValueKey): ExpressionSpecification {
	return ['case', hasNumber(key), 0, 1];
}

/** Area borders: thick for the selected area, medium on hover, hairline otherwise. */
export function borderWidth(): ExpressionSpecification {
	return ['case', ['boolean', ['feature-state', 'selected'], false], 3, ['boolean', ['feature-state', 'hover'], false], 2, 0.5];
}

export function borderColor(): ExpressionSpecification {
	return ['case', ['boolean', ['feature-state', 'selected'], false], '#000000', ['boolean', ['feature-state', 'hover'], false], '#1b1f24', '#7d8590'];
}

/**
 * Which features a layer draws: those of one gemeente (tile property `gm`),
 * or everything. `inside: false` gives the complement, for the muted context
 * around the city.
 */
export function gemeenteFilter(gemeente: string | null, inside = true): FilterSpecification {
	if (!gemeente) return inside ? ['boolean', true] : ['boolean', false];
	return inside ? ['==', ['get', 'gm'], gemeente] : ['!=', ['get', 'gm'], gemeente];
}

/** The focus-area outline layers draw the focus areas of one gemeente, or all. */
export function focusFilter(gemeente: string | null): FilterSpecification {
	return gemeenteFilter(gemeente, true);
}

/** Features whose `code` is one of these (the spiral layer's areas). */
export function codeFilter(codes: readonly string[]): FilterSpecification {
	return ['in', ['get', 'code'], ['literal', [...codes]]];
}

/** Under the spiral outline: a white band, so the red stands out on a red choropleth too. */
export const SPIRAL_CASING: { 'line-color': string; 'line-width': ExpressionSpecification; 'line-opacity': number } = {
	'line-color': '#ffffff',
	'line-width': ['interpolate', ['linear'], ['zoom'], 7, 5, 12, 8],
	'line-opacity': 0.9
};

/**
 * The negative-spiral outline: a red double line (two strokes around a gap),
 * told apart from the focus areas' dashed black line by its shape as well as its colour.
 */
export const SPIRAL_LINE: { 'line-color': string; 'line-width': ExpressionSpecification; 'line-gap-width': ExpressionSpecification } = {
	'line-color': '#b3001b',
	'line-width': ['interpolate', ['linear'], ['zoom'], 7, 1.25, 12, 2],
	'line-gap-width': ['interpolate', ['linear'], ['zoom'], 7, 1.5, 12, 3]
};
