/**
 * The state of /kaart: the view (mirrored in the URL) and the figures for it.
 * Changing indicator, year, level, gemeente or classes fetches new values
 * from /api/waarden; the tiles stay (their URL names only level, vintage and
 * data version).
 *
 * Every choice (gemeente, indicator, year, level, colouring, classes, the
 * selected area) is a history entry, so Back undoes it; the camera is not:
 * every drag or zoom would be an entry, and Back would step through them
 * before it undid anything the user chose.
 */
import { spiralSearch, valuesSearch, viewToSearch, type MapView } from '$lib/map/params';
import type { SpiralMap } from '$lib/compare/progress';

/** The fields of the view that are choices (history entries); the camera (centrum, zoom) is not. */
export const CHOICES = ['gemeente', 'indicator', 'periode', 'niveau', 'modus', 'klassen', 'selectie', 'spiraal'] as const satisfies readonly (keyof MapView)[];
type Choice = Pick<MapView, (typeof CHOICES)[number]>;
import { fillColor, type ValueKey } from '$lib/map/paint';
import type { ClassScheme } from '$lib/classify/legend';
import type { MapValues } from '$lib/map/values';

export class MapPageState {
	view = $state() as MapView;
	values = $state.raw() as MapValues;
	status = $state<'ready' | 'loading' | 'error'>('ready');
	/** The figures the map has joined (FeatureValues), for tests and the status line. */
	applied = $state<string | null>(null);
	/** The negative-spiral layer, when the view asks for it (`spiraal`). */
	spiral = $state.raw<SpiralMap | null>(null);
	spiralStatus = $state<'ready' | 'loading' | 'error'>('ready');
	readonly version: string;
	#loaded: string;
	#spiralLoaded: string;
	#spiralAbort: AbortController | null = null;
	#abort: AbortController | null = null;
	#chosen = false;

	constructor(view: MapView, values: MapValues, version: string, spiral: SpiralMap | null = null) {
		this.view = view;
		this.values = values;
		this.version = version;
		this.spiral = spiral;
		this.#loaded = this.valuesKey;
		this.#spiralLoaded = spiral ? this.spiralKey : '';
	}

	/** What the spiral layer depends on (empty: the layer is off). */
	get spiralKey(): string {
		return this.view.spiraal == null ? '' : spiralSearch(this.view).toString();
	}

	get valueKey(): ValueKey {
		return this.view.modus === 'verschil' ? 'd' : 'v';
	}
	get scheme(): ClassScheme {
		return this.view.modus === 'verschil' ? this.values.differenceClasses : this.values.classes;
	}
	get fill() {
		return fillColor(this.scheme.breaks, this.scheme.colours, this.valueKey);
	}
	/** What the figures depend on: the query string of the values endpoint. */
	get valuesKey(): string {
		return valuesSearch(this.view).toString();
	}
	/** Names the figures currently held (indicator, level, year, gemeente). */
	get figuresKey(): string {
		const v = this.values;
		return `${v.indicator.key}|${v.level}|${v.period ?? ''}|${v.gemeente?.code ?? ''}`;
	}
	/** The view's query string (commas left readable: "centrum=4.5,51.9"). */
	get search(): string {
		return viewToSearch(this.view).toString().replaceAll('%2C', ',');
	}

	/** Applies a choice of the user: the URL that follows gets a history entry of its own. */
	choose(choice: Partial<Choice> & Partial<Pick<MapView, 'centrum' | 'zoom'>>): void {
		Object.assign(this.view, choice);
		this.#chosen = true;
	}
	/** Whether a choice was made since the last call (then the URL is pushed, else replaced). */
	takeChoice(): boolean {
		const chosen = this.#chosen;
		this.#chosen = false;
		return chosen;
	}
	/** Back (or Forward) to an earlier view: its choices come back; the camera stays where it is. */
	restore(view: MapView): void {
		// Only what differs is written, so only what depends on it reacts.
		Object.assign(this.view, Object.fromEntries(CHOICES.filter((k) => this.view[k] !== view[k]).map((k) => [k, view[k]])));
		this.#chosen = false;
	}

	/** Fetches the values for the view unless they are the ones held. */
	async refresh(fetcher: typeof fetch = fetch): Promise<void> {
		const key = this.valuesKey;
		if (key === this.#loaded) return;
		this.#loaded = key;
		this.#abort?.abort();
		const abort = (this.#abort = new AbortController());
		this.status = 'loading';
		try {
			const res = await fetcher(`/api/waarden?${key}&v=${encodeURIComponent(this.version)}`, { signal: abort.signal });
			if (!res.ok) throw new Error(`HTTP ${res.status}`);
			const values = (await res.json()) as MapValues;
			if (abort.signal.aborted) return;
			this.values = values;
			// The endpoint answers the latest year when the asked one has no figures.
			if (values.period !== this.view.periode) {
				this.view.periode = values.period;
				this.#loaded = this.valuesKey;
			}
			this.status = 'ready';
		} catch (e) {
			if ((e as Error).name === 'AbortError') return;
			this.#loaded = '';
			this.status = 'error';
		}
	}

	/** Fetches the spiral layer for the view (or drops it when switched off). */
	async refreshSpiral(fetcher: typeof fetch = fetch): Promise<void> {
		const key = this.spiralKey;
		if (key === this.#spiralLoaded) return;
		this.#spiralLoaded = key;
		this.#spiralAbort?.abort();
		if (!key) {
			this.spiral = null;
			this.spiralStatus = 'ready';
			return;
		}
		const abort = (this.#spiralAbort = new AbortController());
		this.spiralStatus = 'loading';
		try {
			const res = await fetcher(`/api/spiraal?${key}&v=${encodeURIComponent(this.version)}`, { signal: abort.signal });
			if (!res.ok) throw new Error(`HTTP ${res.status}`);
			const spiral = (await res.json()) as SpiralMap;
			if (abort.signal.aborted) return;
			this.spiral = spiral;
			this.spiralStatus = 'ready';
		} catch (e) {
			if ((e as Error).name === 'AbortError') return;
			this.#spiralLoaded = '';
			this.spiralStatus = 'error';
		}
	}
}
