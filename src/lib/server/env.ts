/**
 * The one place where configuration is read: the environment variables as one
 * zod schema (`envSchema`), validated once, on first use; a bad value stops
 * start-up with a message that names the variable.
 *
 * Kept free of `$env/*` imports so the same module serves the SvelteKit server,
 * the command-line scripts (`npm run data:import`, `npm run bench`) and the tests.
 */
import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

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
	/** The programme targets the project ships (published goals with their citation), loaded with the data package. */
	targetsFile: string;
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
	/** The key that signs session cookies (AUTH_SECRET), when set; see sessionSecret(). */
	authSecret: string | null;
	/** NODE_ENV=production: a deployment, where a shared database needs its AUTH_SECRET. */
	production: boolean;
	/**
	 * The Chromium executable that prints report PDFs (CHROMIUM_PATH), checked to
	 * exist and be executable; null when unset, and then lib/server/pdf.ts looks in
	 * Debian's usual places. No Chromium at all only means no PDFs.
	 */
	chromiumPath: string | null;
}

let cached: Config | null = null;

export class ConfigError extends Error {}

/** An unset or blank variable is absent; a set one is trimmed. */
const setting = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() ? v.trim() : undefined), schema);
/** A minimum count for suppression: a whole number of 0 or more. */
const minimum = (fallback: number) =>
	setting(z.string().regex(/^\d+$/, 'moet een geheel getal van 0 of meer zijn').default(String(fallback)).transform(Number));

/** The environment variables this project reads, with their defaults. */
export const envSchema = z.object({
	DATABASE_URL: setting(
		z
			.string()
			.regex(/^postgres(ql)?:\/\//, 'moet beginnen met postgres:// of postgresql://')
			.optional()
	),
	PGLITE_DATA_DIR: setting(z.string().default('.data/pglite')),
	GEODATA_DIR: setting(z.string().optional()),
	FOCUS_AREAS_FILE: setting(z.string().default('geodata/focus-areas.json')),
	TARGETS_FILE: setting(z.string().default('geodata/targets.csv')),
	AUTO_IMPORT: setting(
		z
			.string()
			.transform((v) => v.toLowerCase())
			.pipe(z.enum(['true', 'false', '1', '0'], 'moet true of false zijn'))
			.default('true')
			.transform((v) => v === 'true' || v === '1')
	),
	SUPPRESS_MIN_INHABITANTS: minimum(50),
	SUPPRESS_MIN_CASES: minimum(10),
	MAP_BASEMAP_STYLE_URL: setting(
		z
			.string()
			.regex(/^https?:\/\/\S+$/, 'moet een http(s)-adres van een MapLibre-stijl zijn')
			.optional()
	),
	ORIGIN: setting(
		z
			.string()
			.transform((v) => v.replace(/\/+$/, ''))
			.pipe(z.string().regex(/^https?:\/\/[^/\s]+$/, 'moet een adres als https://monitor.example.nl zijn, zonder pad'))
			.optional()
	),
	AUTH_SECRET: setting(z.string().min(32, 'moet minstens 32 tekens lang zijn; maak er een met: openssl rand -base64 32').optional()),
	NODE_ENV: setting(z.string().optional()),
	CHROMIUM_PATH: setting(z.string().optional())
});

/** A bad value as a message repeats it: a connection string may hold a password, so only its scheme. */
function echo(name: string, raw: string): string {
	if (name === 'DATABASE_URL') return `${raw.split(/:\/\/|:/)[0].slice(0, 20)}:…`;
	if (name === 'AUTH_SECRET') return `${raw.length} tekens`;
	return raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
}

/** One line per bad variable: its name, what is wrong and (safely) what it was. */
function issuesMessage(issues: z.core.$ZodIssue[], env: NodeJS.ProcessEnv): string {
	return issues
		.map((i) => {
			const name = String(i.path[0]);
			return `${name} ${i.message} (gekregen: "${echo(name, (env[name] ?? '').trim())}")`;
		})
		.join('\n');
}

/** Reads and validates the configuration from `process.env` (and the working directory). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
	const parsed = envSchema.safeParse(env);
	if (!parsed.success) {
		throw new ConfigError(issuesMessage(parsed.error.issues, env));
	}
	const e = parsed.data;
	const candidates = e.GEODATA_DIR ? [path.resolve(cwd, e.GEODATA_DIR)] : [path.resolve(cwd, '../shared/geodata/nl-wijkaanpak')];
	if (e.GEODATA_DIR && !existsSync(path.join(candidates[0], 'datapackage.json'))) {
		throw new ConfigError(`GEODATA_DIR wijst naar ${candidates[0]}, maar daar staat geen datapackage.json.`);
	}
	const chromiumPath = e.CHROMIUM_PATH ? path.resolve(cwd, e.CHROMIUM_PATH) : null;
	if (chromiumPath && !isExecutableFile(chromiumPath)) {
		throw new ConfigError(
			`CHROMIUM_PATH wijst naar ${chromiumPath}, maar dat is geen uitvoerbaar bestand (installeer bijvoorbeeld: apt-get install chromium).`
		);
	}
	return {
		databaseUrl: e.DATABASE_URL ?? null,
		dataDir: path.resolve(cwd, e.PGLITE_DATA_DIR),
		geodataDir: candidates.find((c) => existsSync(path.join(c, 'datapackage.json'))) ?? null,
		geodataCandidates: candidates,
		focusAreasFile: path.resolve(cwd, e.FOCUS_AREAS_FILE),
		targetsFile: path.resolve(cwd, e.TARGETS_FILE),
		autoImport: e.AUTO_IMPORT,
		suppression: { minPopulation: e.SUPPRESS_MIN_INHABITANTS, minCount: e.SUPPRESS_MIN_CASES },
		mapBasemapStyleUrl: e.MAP_BASEMAP_STYLE_URL ?? null,
		origin: e.ORIGIN ?? null,
		authSecret: e.AUTH_SECRET ?? null,
		production: e.NODE_ENV === 'production',
		chromiumPath
	};
}

/** A regular file (or a link to one) that this process may execute. */
export function isExecutableFile(file: string): boolean {
	try {
		accessSync(file, constants.X_OK);
		return statSync(file).isFile();
	} catch {
		return false;
	}
}

/**
 * The key that signs session cookies. AUTH_SECRET when set. Otherwise one made
 * on the first start and kept beside the embedded database (`auth-secret` in
 * the parent of PGLITE_DATA_DIR, readable by its owner only), so that
 * `npm start` needs no setting and sessions survive a restart. A production
 * server on PostgreSQL (NODE_ENV=production with DATABASE_URL) must set
 * AUTH_SECRET: every instance must share the key, and a local file does not.
 */
export function sessionSecret(c: Config): { value: string; source: 'env' | 'file' } {
	if (c.authSecret) return { value: c.authSecret, source: 'env' };
	if (c.production && c.databaseUrl) {
		throw new ConfigError(
			'AUTH_SECRET ontbreekt. Met DATABASE_URL in productie is een gedeelde geheime sleutel voor de inlogsessies verplicht: zet AUTH_SECRET op minstens 32 willekeurige tekens, bijvoorbeeld met: export AUTH_SECRET="$(openssl rand -base64 32)"'
		);
	}
	const file = path.join(path.dirname(c.dataDir), 'auth-secret');
	if (!existsSync(file)) {
		mkdirSync(path.dirname(file), { recursive: true });
		try {
			// 'wx': a second process starting at the same moment keeps the first one's key.
			writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
		}
	}
	const value = readFileSync(file, 'utf8').trim();
	if (value.length < 32)
		throw new ConfigError(`${file} bevat geen geldige sleutel (minder dan 32 tekens): verwijder het bestand, dan wordt er een nieuwe gemaakt.`);
	return { value, source: 'file' };
}

/** Where `npm run data:fetch` fetches from: the public services, or a local copy (tests, a mirror). */
export interface FetchEndpoints {
	/** CBS OData v3 of the CBS catalogue (KWB tables), without a trailing slash. */
	cbsODataUrl: string;
	/** CBS OData v3 of the third-party catalogue (Politie, RIVM tables). */
	cbsDataderdenUrl: string;
	/** PDOK's WFS of the Wijk- en Buurtkaart; `{jaar}` stands for the KWB year. */
	pdokWfsUrl: string;
}

const baseUrl = (fallback: string) =>
	setting(
		z
			.string()
			.regex(/^https?:\/\/\S+$/, 'moet een http(s)-adres zijn')
			.default(fallback)
			.transform((v) => v.replace(/\/+$/, ''))
	);

/** The variables of the fetcher, apart from `envSchema`: only `npm run data:fetch` reads them. */
export const fetchEnvSchema = z.object({
	CBS_ODATA_URL: baseUrl('https://opendata.cbs.nl/ODataApi/OData'),
	CBS_DATADERDEN_URL: baseUrl('https://dataderden.cbs.nl/ODataApi/OData'),
	PDOK_WFS_URL: baseUrl('https://service.pdok.nl/cbs/wijkenbuurten/{jaar}/wfs/v1_0')
});

/** Reads and validates the fetcher's base URLs; a bad value throws a `ConfigError` that names the variable. */
export function fetchEndpoints(env: NodeJS.ProcessEnv = process.env): FetchEndpoints {
	const parsed = fetchEnvSchema.safeParse(env);
	if (!parsed.success) {
		throw new ConfigError(issuesMessage(parsed.error.issues, env));
	}
	const e = parsed.data;
	return { cbsODataUrl: e.CBS_ODATA_URL, cbsDataderdenUrl: e.CBS_DATADERDEN_URL, pdokWfsUrl: e.PDOK_WFS_URL };
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
