/**
 * The one place where configuration is read. Validated once, on first use;
 * a bad value stops start-up with a message that names the variable.
 *
 * Kept free of `$env/*` imports so the same module serves the SvelteKit server,
 * the command-line scripts (`npm run data:import`, `npm run bench`) and the tests.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface Config {
	/** PostgreSQL/PostGIS connection string; absent means the embedded PGlite database. */
	databaseUrl: string | null;
	/** Directory of the embedded database (PGlite data dir). */
	dataDir: string;
	/** Directory of the data package (datapackage.json), or null when none was found. */
	geodataDir: string | null;
	/** Where we looked for the data package, for the error message when it is missing. */
	geodataCandidates: string[];
	/** Directory with the focus-area definitions (nplv-focus-areas.json). */
	focusAreasFile: string;
	/** Import the data package on start-up when the database holds no data. */
	autoImport: boolean;
	/**
	 * Small-number suppression ($lib/indicators/suppression): a wijk's or buurt's
	 * value is withheld below these minimums (0 switches a rule off).
	 */
	suppression: { minPopulation: number; minCount: number };
	/**
	 * MapLibre style URL of a basemap under the map explorer (MAP_BASEMAP_STYLE_URL,
	 * online installs only). Null, the default: no basemap, and the map makes no
	 * request outside the app.
	 */
	mapBasemapStyleUrl: string | null;
	/** Public origin of the app (ORIGIN), e.g. https://monitor.example.nl; null when unset. */
	origin: string | null;
	/** Signs session cookies (AUTH_SECRET); see authSecret(). */
	authSecret: { value: string; generated: boolean };
}

let cached: Config | null = null;

export class ConfigError extends Error {}

/** Reads and validates the configuration from `process.env` (and the working directory). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
	const databaseUrl = env.DATABASE_URL?.trim() || null;
	if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
		throw new ConfigError(
			`DATABASE_URL moet beginnen met postgres:// of postgresql:// (gekregen: "${databaseUrl.slice(0, 20)}…")`
		);
	}
	const dataDir = path.resolve(cwd, env.PGLITE_DATA_DIR?.trim() || '.data/pglite');

	const candidates = env.GEODATA_DIR?.trim()
		? [path.resolve(cwd, env.GEODATA_DIR.trim())]
		: [path.resolve(cwd, '../shared/geodata/nl-wijkaanpak')];
	if (env.GEODATA_DIR?.trim() && !existsSync(path.join(candidates[0], 'datapackage.json'))) {
		throw new ConfigError(
			`GEODATA_DIR wijst naar ${candidates[0]}, maar daar staat geen datapackage.json.`
		);
	}
	const geodataDir = candidates.find((c) => existsSync(path.join(c, 'datapackage.json'))) ?? null;

	const focusAreasFile = path.resolve(
		cwd,
		env.FOCUS_AREAS_FILE?.trim() || 'geodata/focus-areas.json'
	);
	const auto = (env.AUTO_IMPORT ?? 'true').trim().toLowerCase();
	if (!['true', 'false', '1', '0'].includes(auto)) {
		throw new ConfigError(`AUTO_IMPORT moet true of false zijn (gekregen: "${auto}")`);
	}
	const minimum = (name: string, fallback: number): number => {
		const raw = env[name]?.trim();
		if (!raw) return fallback;
		if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} moet een geheel getal van 0 of meer zijn (gekregen: "${raw}")`);
		return Number(raw);
	};
	const suppression = {
		minPopulation: minimum('SUPPRESS_MIN_INHABITANTS', 50),
		minCount: minimum('SUPPRESS_MIN_CASES', 10)
	};
	const basemap = env.MAP_BASEMAP_STYLE_URL?.trim() || null;
	if (basemap && !/^https?:\/\/\S+$/.test(basemap)) {
		throw new ConfigError(`MAP_BASEMAP_STYLE_URL moet een http(s)-adres van een MapLibre-stijl zijn (gekregen: "${basemap.slice(0, 40)}")`);
	}
	const origin = env.ORIGIN?.trim().replace(/\/+$/, '') || null;
	if (origin && !/^https?:\/\/[^/\s]+$/.test(origin)) {
		throw new ConfigError(`ORIGIN moet een adres als https://monitor.example.nl zijn, zonder pad (gekregen: "${origin.slice(0, 40)}")`);
	}
	return {
		databaseUrl,
		dataDir,
		geodataDir,
		geodataCandidates: candidates,
		focusAreasFile,
		autoImport: auto === 'true' || auto === '1',
		suppression,
		mapBasemapStyleUrl: basemap,
		origin,
		authSecret: authSecret(env)
	};
}

/**
 * AUTH_SECRET: at least 32 characters. In production (NODE_ENV=production, or
 * `npm start`) it is required, so that sessions survive a restart and no one
 * runs with a guessable key. Elsewhere (development, tests, `node build` by
 * hand) a random secret is made for this process only: sessions end when it stops.
 */
function authSecret(env: NodeJS.ProcessEnv): { value: string; generated: boolean } {
	const value = env.AUTH_SECRET?.trim();
	const production = env.NODE_ENV === 'production' || env.npm_lifecycle_event === 'start';
	if (value) {
		if (value.length < 32) throw new ConfigError(`AUTH_SECRET moet minstens 32 tekens lang zijn (nu ${value.length}); maak er een met: openssl rand -base64 32`);
		return { value, generated: false };
	}
	if (production) {
		throw new ConfigError('AUTH_SECRET ontbreekt. In productie is een geheime sleutel voor de inlogsessies verplicht: zet AUTH_SECRET op minstens 32 willekeurige tekens, bijvoorbeeld met: export AUTH_SECRET="$(openssl rand -base64 32)"');
	}
	return { value: randomBytes(32).toString('base64'), generated: true };
}

export function config(): Config {
	cached ??= loadConfig();
	return cached;
}

/** Explains how to get the data package when none was found. */
export function missingGeodataMessage(c: Config): string {
	return [
		'Geen datapakket gevonden (datapackage.json).',
		`Gezocht in: ${c.geodataCandidates.join(', ')}.`,
		'Zet GEODATA_DIR op de map van het datapakket nl-wijkaanpak (CBS/Kadaster, RIVM, Politie; CC BY 4.0),',
		'of leg die map als ../shared/geodata/nl-wijkaanpak naast deze checkout.'
	].join('\n');
}
