/**
 * Which CBS OData tables the fetcher knows, and which of their columns become
 * which indicator of the package. Columns are matched on their KEY STEM, the
 * key without its numeric suffix (`InBezitWoningcorporatie_49` in 2024,
 * `_42` in 2021), so one mapping serves every edition of a table.
 */
import { z } from 'zod';
import kwbColumnsJson from '../../../../../geodata/kwb-columns.json';

export type TableKind = 'kwb' | 'politie' | 'rivm';

export interface ODataTable {
	/** StatLine table id, e.g. 85984NED */
	id: string;
	kind: TableKind;
	/** `cbs`: opendata.cbs.nl (CBS's own tables); `dataderden`: dataderden.cbs.nl (Politie, RIVM). */
	catalogue: 'cbs' | 'dataderden';
	/** KWB: the year every figure belongs to (the table has no Perioden dimension); null for tables with Perioden. */
	year: number | null;
}

/**
 * Kerncijfers wijken en buurten (KWB) per year. Each edition is a table of its
 * own, with the area classification of that year and different column
 * suffixes. Older editions (before 2017) use other column names for several
 * indicators and are left out until their DataProperties are checked.
 */
export const KWB_TABLES: Readonly<Record<number, string>> = {
	2017: '83765NED',
	2018: '84286NED',
	2019: '84583NED',
	2020: '84799NED',
	2021: '85039NED',
	2022: '85318NED',
	2023: '85618NED',
	2024: '85984NED'
};

/** Police-registered crime per wijk and buurt (catalogue Politie on dataderden.cbs.nl). */
export const POLITIE_TABLES = ['47018NED', '47022NED'] as const;
/** RIVM/GGD'en/CBS Gezondheidsmonitor per wijk and buurt (catalogue RIVM on dataderden.cbs.nl). */
export const RIVM_TABLES = ['50090NED', '50150NED'] as const;

/** The KWB table of `year`, or null when the fetcher does not know it. */
export function kwbTable(year: number): ODataTable | null {
	const id = KWB_TABLES[year];
	return id ? { id, kind: 'kwb', catalogue: 'cbs', year } : null;
}

/** A Politie or RIVM table by id (case-insensitive), or null when unknown. */
export function thirdPartyTable(id: string): ODataTable | null {
	const upper = id.toUpperCase();
	if ((POLITIE_TABLES as readonly string[]).includes(upper)) return { id: upper, kind: 'politie', catalogue: 'dataderden', year: null };
	if ((RIVM_TABLES as readonly string[]).includes(upper)) return { id: upper, kind: 'rivm', catalogue: 'dataderden', year: null };
	return null;
}

const kwbColumns = z.object({
	columns: z.array(z.object({ indicator: z.string(), odata: z.array(z.string()) }))
});

/** One measure column that becomes an indicator; `rank` orders stems that feed the same indicator (lower wins). */
export interface MeasureRule {
	indicator: string;
	rank: number;
}

/** KWB key stem → indicator, from geodata/kwb-columns.json. */
export const KWB_MEASURES: ReadonlyMap<string, MeasureRule> = new Map(
	kwbColumns.parse(kwbColumnsJson).columns.flatMap((c) => c.odata.map((stem, rank) => [stem, { indicator: c.indicator, rank }] as const))
);

/**
 * Politie: the measure column (stem) that holds the count, and which offence
 * types (SoortMisdrijf codes, trimmed) become which indicator. The selection
 * does not add up to the total; other types are skipped.
 */
export const POLITIE_MEASURE = 'GeregistreerdeMisdrijven';
export const POLITIE_OFFENCES: ReadonlyMap<string, string> = new Map([
	['0.0.0', 'misdrijven_totaal'],
	['1.1.1', 'misdrijven_woninginbraak'],
	['1.2.3', 'misdrijven_fietsdiefstal'],
	['1.4.4', 'misdrijven_bedreiging'],
	['1.4.5', 'misdrijven_mishandeling'],
	['1.4.6', 'misdrijven_straatroof'],
	['1.6.1', 'misdrijven_brand_ontploffing'],
	['2.2.1', 'misdrijven_vernieling'],
	['3.1.1', 'misdrijven_drugshandel']
]);

/**
 * RIVM: key stem → indicator, adults 18+ (Leeftijd 20300) and the point
 * estimate (Marges MW00000) only. The stems are those of 50090NED; 50150NED
 * is assumed to use the same names (check its DataProperties when online).
 * "Goed ervaren gezondheid" of 50090NED has a key of its own in the package,
 * because RIVM re-estimated the whole series for 50150NED.
 */
export const RIVM_AGE_ADULTS = '20300';
export const RIVM_POINT_ESTIMATE = 'MW00000';
export function rivmMeasures(tableId: string): ReadonlyMap<string, MeasureRule> {
	const rule = (indicator: string): MeasureRule => ({ indicator, rank: 0 });
	return new Map([
		['Overgewicht', rule('overgewicht_pct')],
		['ErnstigOvergewicht', rule('obesitas_pct')],
		['ErvarenGezondheidGoedZeerGoed', rule(tableId === '50090NED' ? 'ervaren_gezondheid_goed_pct_50090' : 'ervaren_gezondheid_goed_pct')],
		['MoeiteMetRondkomen', rule('moeite_rondkomen_pct')],
		['Eenzaam', rule('eenzaam_pct')],
		['VoldoetAanBeweegrichtlijn', rule('beweegrichtlijn_pct')],
		['Roker', rule('roker_pct')],
		['HoogRisicoOpAngstOfDepressie', rule('angst_depressie_hoog_risico_pct')]
	]);
}

/** A column key without its numeric suffix: `AantalInwoners_5` → `AantalInwoners`. */
export const keyStem = (key: string) => key.replace(/_\d+$/, '');
