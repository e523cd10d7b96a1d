/**
 * What the values endpoint (/api/waarden) returns: an indicator's values for
 * one level and year as `{code: value}`, joined on the map through
 * feature-state, plus everything the legend, tooltip, table and summary need.
 * Types only; shared by server and browser.
 */
import type { Translate } from '../i18n';
import type { IndicatorEntry } from '../indicators/registry';
import type { AreaLevel } from './tiles';
import type { ClassScheme } from '../classify/legend';

/** The indicator's registry entry: label, unit, number format, theme. */
export type MapIndicator = IndicatorEntry;

export interface MapArea {
	name: string;
	/** Gemeente code of the area (its own code for a gemeente). */
	gm: string | null;
	/** geometry_quality when not exact: 'approximate' or 'detailed-vintage-approx-2015'. */
	quality?: string;
	/** The figure may still be revised (police figures of the last two years). */
	provisional?: boolean;
	source?: string;
	/** The value exists but is withheld (small numbers: 'population', 'count', 'complementary', 'secondary'). */
	suppressed?: 'population' | 'count' | 'complementary' | 'secondary';
}

/** The average an area is compared with: its gemeente, or the Netherlands for gemeenten. */
export interface Reference {
	code: string;
	name: string;
	value: number;
	period: number;
}

/**
 * A reference's name in the reader's language: the Netherlands is "Nederland"
 * or "the Netherlands" (its stored name is the Dutch one); a gemeente keeps its own name.
 */
export function referenceName(ref: Pick<Reference, 'code' | 'name'>, t: Translate): string {
	return ref.code === 'NL01' ? t('map.place.nl') : ref.name;
}

export interface FocusPosition {
	id: string;
	name: string;
	gemeente: string;
	level: 'wijk' | 'buurt';
	members: string[];
	/** The focus area's own value (aggregated from its members), null when unknown. */
	value: number | null;
	difference: number | null;
	/** Where the focus area would rank among the areas on the map (1 = most favourable). */
	rank: number | null;
	/** The value is withheld (small numbers). */
	suppressed?: 'population' | 'count' | 'complementary' | 'secondary';
}

export interface MapValues {
	indicator: MapIndicator;
	level: AreaLevel;
	/** The year shown; null when the indicator has no values at this level. */
	period: number | null;
	/** Years with values at this level (and in this gemeente). */
	periods: number[];
	/** Boundary vintage whose codes match these values best (tile set to use). */
	vintage: number;
	gemeente: { code: string; name: string } | null;
	values: Record<string, number>;
	/** value − the reference of the area's own gemeente (for gemeenten: the Netherlands). */
	differences: Record<string, number>;
	/** Areas listed (with or without a value): all areas of the gemeente, or NL-wide the areas with a value. */
	areas: Record<string, MapArea>;
	/** By gemeente code, or NL01. */
	references: Record<string, Reference>;
	sources: { id: string; label: string; attribution: string }[];
	provisional: boolean;
	classes: ClassScheme;
	differenceClasses: ClassScheme;
	focusAreas: FocusPosition[];
}
