/**
 * The data object: made once at start-up (hooks.server.ts → `event.locals.data`)
 * and used by every route. It owns the database handle, the configuration that
 * decides what may be shown (small-number suppression) and the one cache, keyed
 * on the data version. Routes call it and never pass suppression or choose
 * between database handles themselves, so no door can forget a rule.
 *
 *   routes → data object → queries/ (SQL) + $lib/indicators, $lib/area, $lib/geo (pure)
 */
import { sharedWork, throwIfClientGone } from '../client';
import { compress, type Encoding } from '../http';
import { PageStore } from '../page-cache';
import type { ViewParams } from '../../indicators/references';
import type { SuppressionConfig } from '../../indicators/suppression';
import type { TileLevel } from '../../map/tiles';
import type { MapValues } from '../../map/values';
import type { AreaPage } from '../../area/types';
import type { Database } from '../db/index';
import { listFocusAreas } from '../queries/areas';
import { listIndicators } from '../queries/indicators';
import { importHistory, listSources, sourceLabels } from '../queries/sources';
import { dataVersionRow, defaultVintage, mapPlaces, renderTile, type MapPlaces, type TileRequest } from '../queries/tiles';
import { areaPage, nationalSeries } from './area-page';
import { comparePage, progressPage, spiralMap } from './compare';
import { spiralOf, type ProgressView, type SpiralMap, type SpiralMapQuery, type SpiralResult } from '../../compare/progress';
import { ALL_INDICATORS, type CompareView } from '../../compare/compare';
import type { PeerGroup } from '../../area/scorecard';
import { HEADLINE_INDICATORS } from '../../indicators/headlines';
import { VersionedCache } from './cache';
import { mapValues, type MapValuesQuery } from './map-values';
import { headlineOverview } from './overview';

export interface DataSettings {
	/** Small-number suppression: a wijk's or buurt's figure is withheld below these minimums. */
	suppression: SuppressionConfig;
}

/** How long a looked-up data version is trusted before asking the database again. */
const VERSION_TTL_MS = 1000;

export class Data {
	private readonly cache = new VersionedCache();
	/** Public pages as rendered for visitors without an account (see page-cache.ts). */
	readonly pages = new PageStore();
	private versionAt = -Infinity;
	private versionValue: Promise<string> | null = null;

	constructor(
		readonly database: Database,
		readonly settings: DataSettings
	) {}

	/**
	 * The data version: the newest import batch ('0' before the first). Every
	 * tile and values URL carries it; remembered for a second (right after an
	 * import the old version may be named for that second, which only costs a
	 * revalidation).
	 */
	version(): Promise<string> {
		const now = performance.now();
		if (!this.versionValue || now - this.versionAt > VERSION_TTL_MS) {
			const v = dataVersionRow(this.database);
			this.versionValue = v;
			this.versionAt = now;
			v.catch(() => {
				if (this.versionValue === v) this.versionValue = null;
			});
		}
		return this.versionValue;
	}

	/** True when no import has succeeded yet. */
	async isEmpty(): Promise<boolean> {
		return (await this.version()) === '0';
	}

	/**
	 * Computed once per data version and key. A request whose client has gone
	 * starts no new computation; one that started runs to the end (others may
	 * share it) and is kept.
	 */
	private async cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
		const version = await this.version();
		if (!this.cache.has(version, key)) throwIfClientGone();
		return this.cache.get(version, key, () => sharedWork(compute));
	}

	/**
	 * After a write in this process that gives a new data version (a target
	 * saved on screen): ask the database for the version at once, instead of
	 * trusting the remembered one for up to a second, and drop what was computed.
	 */
	changed(): void {
		this.versionValue = null;
		this.clearCache();
	}

	/** Forget everything computed (benchmarks measure a first request too). */
	clearCache(): void {
		this.cache.clear();
		this.pages.clear();
	}

	private get db() {
		return this.database.db;
	}

	overview() {
		return this.cached('overview', () => headlineOverview(this.db, this.settings.suppression));
	}

	/** NL and the G4 for every indicator: the same on every page. */
	private national() {
		return this.cached('national', () => nationalSeries(this.db));
	}

	/** The area page (or, with `figuresOnly`, its figures for the CSV); null for an unknown id. */
	areaPage(id: string, view: ViewParams, opts: { figuresOnly?: boolean } = {}): Promise<AreaPage | null> {
		const key = JSON.stringify(['area', id, view.references, view.extra, view.indicators, Boolean(opts.figuresOnly)]);
		return this.cached(key, () =>
			areaPage(this.db, id, {
				...view,
				suppression: this.settings.suppression,
				figuresOnly: opts.figuresOnly,
				national: () => this.national()
			})
		);
	}

	/** The compare page: the areas of a set side by side on the chosen indicators. */
	compare(view: CompareView) {
		return this.cached(JSON.stringify(['compare', view.set, view.areas, view.indicators]), () =>
			comparePage(
				this.db,
				view,
				this.settings.suppression,
				() => this.national(),
				(id) => this.targetsOf(id)
			)
		);
	}

	/** Areas of a compare set in a negative spiral: behind their city and falling further behind on at least `n` indicators (see spiralAreas). */
	async spiral(view: CompareView, n: number): Promise<SpiralResult> {
		return spiralOf((await this.compare({ ...view, indicators: [ALL_INDICATORS] })).indicators, n);
	}

	/** The map's negative-spiral layer: the gemeente's wijken or buurten and its focus areas (see spiralMap). */
	spiralMap(q: SpiralMapQuery): Promise<SpiralMap> {
		return this.cached(JSON.stringify(['spiral-map', q.gemeente, q.level, q.n]), () => spiralMap(this.db, q, this.settings.suppression, () => this.national()));
	}

	/** An area's programme targets, evaluated as on its page. */
	private async targetsOf(id: string) {
		return (await this.areaPage(id, { references: null, extra: [], indicators: null }))?.targets ?? [];
	}

	/** The progress matrix: targets' status, elsewhere the movement against the city. */
	progress(view: ProgressView) {
		return this.cached(JSON.stringify(['progress', view.programme, view.city]), () =>
			progressPage(
				this.db,
				view,
				this.settings.suppression,
				() => this.national(),
				(id) => this.targetsOf(id)
			)
		);
	}

	/**
	 * The values of an indicator in a period for the areas an area is compared
	 * with on its scorecard (public figures only: withheld ones are left out by
	 * the same rules as everywhere). Null when that period has no such values.
	 */
	async peerValues(group: PeerGroup, gemeente: string | null, indicator: string, period: number): Promise<number[] | null> {
		if (group === 'nplv' || group === 'nprz') {
			// One computation (and cache entry) for every headline figure of every focus area's scorecard.
			const indicators = HEADLINE_INDICATORS.includes(indicator) ? HEADLINE_INDICATORS : [indicator];
			const c = await this.compare({ set: group, areas: [], indicators });
			const ind = c.indicators.find((i) => i.key === indicator);
			if (!ind) return null;
			const values = ind.lines
				.filter((l) => l.role === 'area')
				.flatMap((l) => l.points.filter((p) => p.period === period && p.value != null).map((p) => p.value!));
			return values.length ? values : null;
		}
		const mv = await this.mapValues({ indicator, period, level: group, gemeente: group === 'gemeente' ? null : gemeente, method: 'kwantiel' });
		return mv && mv.period === period ? Object.values(mv.values) : null;
	}

	/** The map values as JSON in one encoding, made once per data version (all buurten: 1.3 MB before compression). */
	async mapValuesEncoded(q: MapValuesQuery, encoding: Encoding): Promise<Uint8Array<ArrayBuffer> | null> {
		return this.cached(JSON.stringify(['values-json', q.indicator, q.level, q.period, q.gemeente, q.method, encoding]), async () => {
			const values = await this.mapValues(q);
			return values && compress(new TextEncoder().encode(JSON.stringify(values)), encoding);
		});
	}

	/** Values of one indicator, level and year for the map; null for an unknown indicator. */
	mapValues(q: MapValuesQuery): Promise<MapValues | null> {
		return this.cached(JSON.stringify(['values', q.indicator, q.level, q.period, q.gemeente, q.method]), () =>
			mapValues(this.db, q, this.settings.suppression)
		);
	}

	mapPlaces(): Promise<MapPlaces> {
		return this.cached('places', () => mapPlaces(this.database));
	}

	/** One vector tile (uncompressed MVT), or null for an empty tile. Tiles are not cached here: their URLs are immutable, the browser keeps them. */
	async tile(t: Omit<TileRequest, 'vintage'> & { vintage: number | null }): Promise<Uint8Array | null> {
		const vintage = t.vintage ?? (await this.cached(`vintage:${t.level}`, () => defaultVintage(this.database, t.level as TileLevel)));
		if (vintage == null) return null;
		throwIfClientGone();
		return renderTile(this.database, { ...t, vintage });
	}

	indicators() {
		return this.cached('indicators', () => listIndicators(this.db));
	}

	sources() {
		return this.cached('sources', () => listSources(this.db));
	}

	sourceLabels() {
		return this.cached('sourceLabels', () => sourceLabels(this.db));
	}

	focusAreas() {
		return this.cached('focusAreas', () => listFocusAreas(this.db));
	}

	importHistory() {
		return this.cached('imports', () => importHistory(this.db));
	}
}
