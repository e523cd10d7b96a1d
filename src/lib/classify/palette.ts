/**
 * Colours of the choropleth, chosen from the indicator's direction in the
 * registry (`higher_is_better`). All schemes are ColorBrewer schemes marked
 * colour-blind safe (Brewer & Harrower, colorbrewer2.org):
 *
 * - values, with a direction: OrRd, darker red = less favourable (so for
 *   "higher is better" the ramp runs the other way round);
 * - values, no direction (counts, housing mix): Blues, darker = higher, no
 *   judgement;
 * - differences from the city, with a direction: RdBu, blue = more favourable
 *   than the city, red = less favourable, near-white = about the same;
 * - differences, no direction: PRGn (purple below, green above the city).
 *
 * The ramps are d3-scale-chromatic's copies of the ColorBrewer tables (RdBu
 * and PRGn run from the low to the high end of the data: red/purple first).
 * "No data" is never a colour: it is the hatch pattern of ../map/hatch.
 */
import { schemeBlues, schemeOrRd, schemePRGn, schemeRdBu } from 'd3-scale-chromatic';

export type Direction = boolean | null;
export type Scheme = 'sequential' | 'diverging';

/** A ColorBrewer scheme as d3-scale-chromatic has it: index k holds the k-class ramp (k = 3…9 or 3…11). */
type Ramp = readonly (readonly string[])[];

/** Ramps stop at seven classes: more would reuse the seven colours. */
export const MAX_CLASSES = 7;

/** `k` colours of a ramp, in class order (low to high); 1 and 2 classes take the middle/ends of the 3-class ramp. */
function take(ramp: Ramp, k: number): string[] {
	if (k <= 0) return [];
	if (k === 1) return [ramp[3][1]];
	if (k === 2) return [ramp[3][0], ramp[3][2]];
	return [...ramp[Math.min(k, MAX_CLASSES)]];
}

/**
 * Colours for `k` classes of an indicator, in class order (lowest values
 * first), for the map and the legend alike.
 */
export function paletteFor(scheme: Scheme, higherIsBetter: Direction, k: number): string[] {
	if (scheme === 'sequential') {
		if (higherIsBetter == null) return take(schemeBlues, k);
		const c = take(schemeOrRd, k);
		return higherIsBetter ? c.reverse() : c;
	}
	if (higherIsBetter == null) return take(schemePRGn, k);
	const c = take(schemeRdBu, k);
	// RdBu runs red → blue: right for "higher is better"; reversed when lower is better.
	return higherIsBetter ? c : c.reverse();
}
