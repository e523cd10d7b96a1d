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
 * "No data" is never a colour: it is the hatch pattern of ../map/hatch.
 */

export type Direction = boolean | null;
export type Scheme = 'sequential' | 'diverging';

type Ramp = Record<3 | 4 | 5 | 6 | 7, string[]>;

const OR_RD: Ramp = {
	3: ['#fee8c8', '#fdbb84', '#e34a33'],
	4: ['#fef0d9', '#fdcc8a', '#fc8d59', '#d7301f'],
	5: ['#fef0d9', '#fdcc8a', '#fc8d59', '#e34a33', '#b30000'],
	6: ['#fef0d9', '#fdd49e', '#fdbb84', '#fc8d59', '#e34a33', '#b30000'],
	7: ['#fef0d9', '#fdd49e', '#fdbb84', '#fc8d59', '#ef6548', '#d7301f', '#990000']
};

const BLUES: Ramp = {
	3: ['#deebf7', '#9ecae1', '#3182bd'],
	4: ['#eff3ff', '#bdd7e7', '#6baed6', '#2171b5'],
	5: ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'],
	6: ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'],
	7: ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#084594']
};

/** Red (below) to blue (above). */
const RD_BU: Ramp = {
	3: ['#ef8a62', '#f7f7f7', '#67a9cf'],
	4: ['#ca0020', '#f4a582', '#92c5de', '#0571b0'],
	5: ['#ca0020', '#f4a582', '#f7f7f7', '#92c5de', '#0571b0'],
	6: ['#b2182b', '#ef8a62', '#fddbc7', '#d1e5f0', '#67a9cf', '#2166ac'],
	7: ['#b2182b', '#ef8a62', '#fddbc7', '#f7f7f7', '#d1e5f0', '#67a9cf', '#2166ac']
};

/** Purple (below) to green (above). */
const PR_GN: Ramp = {
	3: ['#af8dc3', '#f7f7f7', '#7fbf7b'],
	4: ['#7b3294', '#c2a5cf', '#a6dba0', '#008837'],
	5: ['#7b3294', '#c2a5cf', '#f7f7f7', '#a6dba0', '#008837'],
	6: ['#762a83', '#af8dc3', '#e7d4e8', '#d9f0d3', '#7fbf7b', '#1b7837'],
	7: ['#762a83', '#af8dc3', '#e7d4e8', '#f7f7f7', '#d9f0d3', '#7fbf7b', '#1b7837']
};

export const MAX_CLASSES = 7;

/** `k` colours of a ramp, in class order (low to high); 1 and 2 classes take the ends/middle of the 3-class ramp. */
function take(ramp: Ramp, k: number): string[] {
	if (k <= 0) return [];
	if (k === 1) return [ramp[3][1]];
	if (k === 2) return [ramp[3][0], ramp[3][2]];
	return [...ramp[Math.min(k, MAX_CLASSES) as 3 | 4 | 5 | 6 | 7]];
}

/**
 * Colours for `k` classes of an indicator, in class order (lowest values
 * first), for the map and the legend alike.
 */
export function paletteFor(scheme: Scheme, higherIsBetter: Direction, k: number): string[] {
	if (scheme === 'sequential') {
		if (higherIsBetter == null) return take(BLUES, k);
		const c = take(OR_RD, k);
		return higherIsBetter ? c.reverse() : c;
	}
	if (higherIsBetter == null) return take(PR_GN, k);
	const c = take(RD_BU, k);
	// RdBu runs red → blue: right for "higher is better"; reversed when lower is better.
	return higherIsBetter ? c : c.reverse();
}
