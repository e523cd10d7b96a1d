/**
 * What a series is computed for, and the few fixed facts of the Dutch area
 * classification that the engine needs. Pure; shared by the series engine, the
 * data layer and the pages.
 */

/** What a series is computed for. */
export type Target =
	| { type: 'area'; code: string }
	| { type: 'focus'; id: string }
	/** The city of a focus area without the focus area. */
	| { type: 'rest'; focusId: string }
	/** The gemeente of a wijk or buurt without that wijk or buurt. */
	| { type: 'areaRest'; code: string }
	| { type: 'g4' }
	| { type: 'nl' };

/** The four largest cities (Amsterdam, Rotterdam, Den Haag, Utrecht): the G4 reference. */
export const G4_CODES = ['GM0363', 'GM0599', 'GM0518', 'GM0344'] as const;

/** CBS code of the Netherlands as a whole. */
export const NATIONAL_CODE = 'NL01';

/**
 * The indicator that counts inhabitants: the population of an area for the
 * small-number rules and for the share of a set that a figure covers.
 */
export const POPULATION_INDICATOR = 'inwoners';

export type AreaLevel = 'land' | 'gemeente' | 'wijk' | 'buurt';

/** The level of a CBS area code (NL01, GMgggg, WKggggww, BUggggwwbb); null for anything else. */
export function levelOfCode(code: string): AreaLevel | null {
	if (code === NATIONAL_CODE) return 'land';
	const prefix = code.slice(0, 2);
	return prefix === 'GM' ? 'gemeente' : prefix === 'WK' ? 'wijk' : prefix === 'BU' ? 'buurt' : null;
}

export function targetKey(t: Target): string {
	switch (t.type) {
		case 'area':
			return `area:${t.code}`;
		case 'focus':
			return `focus:${t.id}`;
		case 'rest':
			return `rest:${t.focusId}`;
		case 'areaRest':
			return `areaRest:${t.code}`;
		default:
			return t.type;
	}
}
