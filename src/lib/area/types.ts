/**
 * The shape of the area page's data (/gebied/[id]): what the server's
 * queries/area-page.ts builds and the page's components read. Types only, so
 * that browser code needs nothing from $lib/server.
 */
import type { IndicatorEntry, ThemeFields } from '../indicators/registry';
import type { Intervention } from '../interventions/types';
import type { AreaKind, ReferenceKey } from '../indicators/references';
import type { Population } from '../indicators/series';
import type { SuppressionConfig, SuppressionReason } from '../indicators/suppression';
import type { Projected } from '../geo/outline';
import type { ValueAt } from '../indicators/gaps';
import type { Evaluation, ProgrammeTarget } from '../indicators/programme-targets';

export interface AreaSubject {
	kind: AreaKind;
	/** Focus-area id or CBS code, as in the URL. */
	id: string;
	name: string;
	gemeenteCode: string | null;
	municipality: string | null;
	programme: string | null;
	/** Focus areas: how sure the boundary is (official / strong / approximate) and why. */
	confidence: string | null;
	notesNl: string | null;
	notesEn: string | null;
	/** Buurten: the wijk they lie in. */
	wijk: { code: string; name: string | null } | null;
	/** Wijken and buurten: the focus areas they (or their wijk) belong to. */
	partOf: { id: string; name: string; programme: string }[];
	members: { code: string; name: string | null; level: 'wijk' | 'buurt' | 'gemeente'; partial: boolean; quality: string | null }[];
	population: Population | null;
	/** Set for an older CBS code (recoded since): its series cannot be joined to today's areas. */
	supersededNote: string | null;
}

/** One value of one series on the page. Optional flags are left out when false. */
export interface PagePoint {
	period: number;
	/** null: unknown or withheld (see `suppressed`); never 0 for unknown. */
	value: number | null;
	estimate?: true;
	provisional?: true;
	/** Present only when not all members (or inhabitants) are covered. */
	coverage?: { with: number; total: number; share: number | null };
	/** Weights (inhabitants, households) taken from these other periods. */
	weightPeriods?: number[];
	/** Converted from the areas of these older boundary vintages (see AreaPage.crosswalk). */
	crosswalk?: number[];
	sources: string[];
	suppressed?: SuppressionReason;
}

export type SeriesRole = 'area' | ReferenceKey | 'extra';

export interface PageSeries {
	key: string;
	role: SeriesRole;
	/** The area's own name; references get their label on the page (city name for 'stad' and 'rest'). */
	name: string;
	points: PagePoint[];
}

export interface PageIndicator extends IndicatorEntry {
	definitionNl: string;
	definitionEn: string;
	/** Periods in which any series on the chart has a value (or a withheld one). */
	periods: number[];
	series: PageSeries[];
	/** Glide paths of the area's programme targets on this indicator (left out when none), in the indicator's unit. */
	targetPaths?: { id: string; targetYear: number; points: ValueAt[] }[];
}

/** A programme target of the area, evaluated on the figures the page shows. */
export interface PageTarget {
	target: ProgrammeTarget;
	/** The indicator's label and number format; null when the indicator is no longer in the registry. */
	indicator: (Pick<IndicatorEntry, 'key' | 'labelNl' | 'labelEn' | 'format' | 'decimals' | 'theme'> & ThemeFields) | null;
	evaluation: Evaluation;
}

export interface AreaOutline {
	width: number;
	height: number;
	members: Projected[];
	context: Projected[];
	/** geometry_quality of the members' boundaries (exact, detailed-vintage-approx-2015, approximate). */
	qualities: string[];
}

export interface AreaPage {
	subject: AreaSubject;
	references: ReferenceKey[];
	availableReferences: ReferenceKey[];
	extra: { id: string; name: string }[];
	/** The shown indicators by theme, in the registry's theme order. */
	themes: (ThemeFields & { indicators: PageIndicator[] })[];
	/** Every indicator with data for this area, for the chooser, in theme order. */
	choices: (Pick<IndicatorEntry, 'key' | 'labelNl' | 'labelEn'> & ThemeFields)[];
	/** The indicators asked for in the URL; null: all with data. */
	selected: string[] | null;
	sources: Record<string, { label: string; attribution: string }>;
	outline: AreaOutline | null;
	extraOptions: { group: 'focus' | 'gemeente' | 'wijk'; id: string; name: string }[];
	suppression: SuppressionConfig;
	/** Programme targets set for this area (absent or empty: none). */
	targets?: PageTarget[];
	/** What programmes did in and around the area (see areaInterventions), by start date; absent or empty: none. */
	interventions?: Intervention[];
	/**
	 * Where the boundary of the area (or a member) changed between two vintages
	 * in the database: figures before `year` describe the older area. Absent or
	 * empty: no change.
	 */
	boundaryChanges?: { code: string; name: string | null; year: number; previous: number; share: number }[];
	/**
	 * Members that did not exist before `since`: their earlier figures are
	 * converted through the crosswalk from the areas of older vintages (here
	 * those of `vintage`, the one just before), each by the share it took over.
	 * Absent or empty: none.
	 */
	crosswalk?: {
		code: string;
		name: string | null;
		since: number;
		vintage: number;
		parts: { code: string; name: string | null; share: number; basis: 'inwoners' | 'oppervlakte' }[];
	}[];
}

export type { AreaKind, ReferenceKey };
