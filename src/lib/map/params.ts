/**
 * The map view in the URL: every choice on /kaart lives in the query string,
 * so a view can be shared, bookmarked and reloaded. Parsing is forgiving
 * (anything invalid falls back to the default); writing leaves defaults out.
 * The values endpoint reads the same parameter names. Pure.
 */
import { CLASS_METHODS, type ClassMethod } from '../classify/classify';
import { SPIRAL_DEFAULT, type SpiralMapQuery } from '../compare/progress';
import { isAreaLevel, ROUTE_MAX_ZOOM, type AreaLevel } from './tiles';

export type MapMode = 'waarde' | 'verschil';

export interface MapView {
	/** CBS gemeente code (GM0599) or null for all of the Netherlands. */
	gemeente: string | null;
	indicator: string;
	/** Year; null means the latest year with data. */
	periode: number | null;
	niveau: AreaLevel;
	modus: MapMode;
	klassen: ClassMethod;
	/** [lon, lat] in WGS84, null: fit the gemeente (or the Netherlands). */
	centrum: [number, number] | null;
	zoom: number | null;
	/** Selected area: a CBS code (BU05991081) or a focus-area id (nprz-bloemhof). */
	selectie: string | null;
	/** Outline the areas in a negative spiral on at least this many indicators; null: off. */
	spiraal: number | null;
}

export const DEFAULT_INDICATOR = 'obesitas_pct';

const GEMEENTE = /^GM\d{4}$/;
const INDICATOR = /^[a-z0-9_]{1,80}$/;
const SELECTION = /^(?:(?:GM|WK|BU)\d{4,10}|[a-z0-9][a-z0-9-]{0,79})$/;

export function isGemeenteCode(v: string | null | undefined): v is string {
	return v != null && GEMEENTE.test(v);
}

/** Buurten when a gemeente is chosen, gemeenten for the whole country. */
export function defaultLevel(gemeente: string | null): AreaLevel {
	return gemeente ? 'buurt' : 'gemeente';
}

function int(v: string | null, min: number, max: number): number | null {
	if (v == null || !/^\d{1,4}$/.test(v)) return null;
	const n = Number(v);
	return n >= min && n <= max ? n : null;
}

export function parseView(sp: URLSearchParams): MapView {
	const gm = sp.get('gemeente')?.toUpperCase() ?? null;
	const gemeente = isGemeenteCode(gm) ? gm : null;
	const ind = sp.get('indicator');
	const level = sp.get('niveau');
	const klassen = sp.get('klassen');
	let centrum: [number, number] | null = null;
	const c = sp.get('centrum')?.split(',').map(Number);
	if (c && c.length === 2 && c.every(Number.isFinite) && Math.abs(c[0]) <= 180 && Math.abs(c[1]) <= 85) centrum = [c[0], c[1]];
	const z = Number(sp.get('zoom'));
	const sel = sp.get('selectie');
	return {
		gemeente,
		indicator: ind && INDICATOR.test(ind) ? ind : DEFAULT_INDICATOR,
		periode: int(sp.get('periode'), 1900, 2100),
		niveau: isAreaLevel(level) ? level : defaultLevel(gemeente),
		modus: sp.get('modus') === 'verschil' ? 'verschil' : 'waarde',
		klassen: CLASS_METHODS.includes(klassen as ClassMethod) ? (klassen as ClassMethod) : 'kwantiel',
		centrum,
		zoom: sp.has('zoom') && Number.isFinite(z) && z >= 0 && z <= ROUTE_MAX_ZOOM ? z : null,
		selectie: sel && SELECTION.test(sel) ? sel : null,
		spiraal: sp.get('spiraal') ? (int(sp.get('spiraal'), 1, 20) ?? SPIRAL_DEFAULT) : null
	};
}

/** The query string of a view; defaults are left out, coordinates rounded to about a metre. */
export function viewToSearch(v: MapView): URLSearchParams {
	const sp = new URLSearchParams();
	if (v.gemeente) sp.set('gemeente', v.gemeente);
	sp.set('indicator', v.indicator);
	if (v.periode != null) sp.set('periode', String(v.periode));
	if (v.niveau !== defaultLevel(v.gemeente)) sp.set('niveau', v.niveau);
	if (v.modus !== 'waarde') sp.set('modus', v.modus);
	if (v.klassen !== 'kwantiel') sp.set('klassen', v.klassen);
	if (v.centrum) sp.set('centrum', `${v.centrum[0].toFixed(5)},${v.centrum[1].toFixed(5)}`);
	if (v.zoom != null) sp.set('zoom', v.zoom.toFixed(2));
	if (v.selectie) sp.set('selectie', v.selectie);
	if (v.spiraal != null) sp.set('spiraal', String(v.spiraal));
	return sp;
}

/** The query string of the values endpoint for a view (only what changes the figures). */
export function valuesSearch(v: Pick<MapView, 'gemeente' | 'indicator' | 'periode' | 'niveau' | 'klassen'>): URLSearchParams {
	const sp = new URLSearchParams({ indicator: v.indicator, niveau: v.niveau, klassen: v.klassen });
	if (v.periode != null) sp.set('periode', String(v.periode));
	if (v.gemeente) sp.set('gemeente', v.gemeente);
	return sp;
}

export interface ValuesQuery {
	indicator: string;
	level: AreaLevel;
	period: number | null;
	gemeente: string | null;
	method: ClassMethod;
}

/** Strict parsing for the values endpoint: an error message (for a 400) instead of a fallback. */
export function parseValuesQuery(sp: URLSearchParams): { error: string } | ValuesQuery {
	const indicator = sp.get('indicator') ?? '';
	if (!INDICATOR.test(indicator)) return { error: 'indicator ontbreekt of is ongeldig.' };
	const level = sp.get('niveau') || 'buurt';
	if (!isAreaLevel(level)) return { error: 'niveau moet gemeente, wijk of buurt zijn.' };
	const p = sp.get('periode') || null;
	if (p != null && !/^\d{4}$/.test(p)) return { error: 'periode moet een jaartal zijn.' };
	const gemeente = sp.get('gemeente') || null;
	if (gemeente != null && !isGemeenteCode(gemeente)) return { error: 'gemeente moet een CBS-gemeentecode zijn, bijvoorbeeld GM0599.' };
	const method = sp.get('klassen') || 'kwantiel';
	if (!CLASS_METHODS.includes(method as ClassMethod)) return { error: `klassen moet ${CLASS_METHODS.join(' of ')} zijn.` };
	return { indicator, level, period: p == null ? null : Number(p), gemeente, method: method as ClassMethod };
}

/** Strict parsing for the spiral endpoint (the map's spiral layer), like `parseValuesQuery`. */
export function parseSpiralQuery(sp: URLSearchParams): { error: string } | SpiralMapQuery {
	const level = sp.get('niveau') || 'buurt';
	if (!isAreaLevel(level)) return { error: 'niveau moet gemeente, wijk of buurt zijn.' };
	const gemeente = sp.get('gemeente') || null;
	if (gemeente != null && !isGemeenteCode(gemeente)) return { error: 'gemeente moet een CBS-gemeentecode zijn, bijvoorbeeld GM0599.' };
	const n = sp.get('spiraal') || String(SPIRAL_DEFAULT);
	const count = int(n, 1, 20);
	if (count == null) return { error: 'spiraal moet een aantal indicatoren van 1 tot 20 zijn.' };
	return { gemeente, level, n: count };
}

/** The query string of the spiral endpoint for a view with the spiral layer on. */
export function spiralSearch(v: Pick<MapView, 'gemeente' | 'niveau' | 'spiraal'>): URLSearchParams {
	const sp = new URLSearchParams({ niveau: v.niveau, spiraal: String(v.spiraal ?? SPIRAL_DEFAULT) });
	if (v.gemeente) sp.set('gemeente', v.gemeente);
	return sp;
}
