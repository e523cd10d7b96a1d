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
 * estimate (Marges MW00000) only. The two tables name their columns
 * differently: 50090NED as in its download (ErvarenGezondheidGoedZeerGoed_4,
 * ErnstigOvergewicht_10 …), 50150NED as a public client of the table reads
 * it (GoedErvarenGezondheid_4, ErnstigOvergewichtObesitas_34 …); check the
 * latter against its DataProperties when online. "Goed ervaren gezondheid" of
 * 50090NED has a key of its own in the package, because RIVM re-estimated the
 * whole series for 50150NED.
 */
export const RIVM_AGE_ADULTS = '20300';
export const RIVM_POINT_ESTIMATE = 'MW00000';
const RIVM_STEMS: Record<(typeof RIVM_TABLES)[number], Record<string, string>> = {
	'50090NED': {
		ErvarenGezondheidGoedZeerGoed: 'ervaren_gezondheid_goed_pct_50090',
		Overgewicht: 'overgewicht_pct',
		ErnstigOvergewicht: 'obesitas_pct',
		MoeiteMetRondkomen: 'moeite_rondkomen_pct',
		Eenzaam: 'eenzaam_pct',
		VoldoetAanBeweegrichtlijn: 'beweegrichtlijn_pct',
		Roker: 'roker_pct',
		HoogRisicoOpAngstOfDepressie: 'angst_depressie_hoog_risico_pct'
	},
	'50150NED': {
		GoedErvarenGezondheid: 'ervaren_gezondheid_goed_pct',
		Overgewicht: 'overgewicht_pct',
		ErnstigOvergewichtObesitas: 'obesitas_pct',
		MoeiteMetRondkomen: 'moeite_rondkomen_pct',
		Eenzaam: 'eenzaam_pct',
		VoldoetAanDeBeweegrichtlijn: 'beweegrichtlijn_pct',
		RooktTabak: 'roker_pct',
		HoogRisicoAngststoornisOfDepressie: 'angst_depressie_hoog_risico_pct'
	}
};
export function rivmMeasures(tableId: string): ReadonlyMap<string, MeasureRule> {
	const stems = RIVM_STEMS[tableId as keyof typeof RIVM_STEMS] ?? {};
	return new Map(Object.entries(stems).map(([stem, indicator]) => [stem, { indicator, rank: 0 }]));
}

/** A column key without its numeric suffix: `AantalInwoners_5` → `AantalInwoners`. */
export const keyStem = (key: string) => key.replace(/_\d+$/, '');
