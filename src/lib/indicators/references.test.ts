import { describe, expect, it } from 'vitest';
import { MAX_EXTRA, parseView, referencesFor, viewQuery } from './references';

const q = (s: string) => new URLSearchParams(s);

describe('parseView', () => {
	it('reads references, added areas and indicators, comma-separated or repeated', () => {
		expect(parseView(q('ref=stad,nl&extra=GM0363&extra=utrecht-overvecht&ind=obesitas_pct,roker_pct'))).toEqual({
			references: ['stad', 'nl'],
			extra: ['GM0363', 'utrecht-overvecht'],
			indicators: ['obesitas_pct', 'roker_pct']
		});
		// The form sends one value per checkbox plus an empty marker.
		expect(parseView(q('ref=&ref=g4&ref=rest')).references).toEqual(['rest', 'g4']);
	});

	it('tells "no choice" (defaults) from "nothing chosen"', () => {
		expect(parseView(q('')).references).toBeNull();
		expect(parseView(q('ref=')).references).toEqual([]);
		expect(parseView(q('ind=')).indicators).toBeNull();
	});

	it('drops malformed entries, duplicates and areas beyond the maximum', () => {
		const v = parseView(q('ref=stad,foo&extra=GM0363,GM0363,<script>,GM0599,GM0518,GM0344&ind=obesitas_pct;drop'));
		expect(v.references).toEqual(['stad']);
		expect(v.extra).toEqual(['GM0363', 'GM0599', 'GM0518'].slice(0, MAX_EXTRA));
		expect(v.indicators).toBeNull();
	});
});

describe('viewQuery', () => {
	it('writes the view back so that parsing gives it again', () => {
		const v = { references: ['stad' as const, 'g4' as const], extra: ['GM0363'], indicators: ['obesitas_pct'] };
		const s = viewQuery(v, 'en');
		expect(s).toBe('?ref=stad,g4&extra=GM0363&ind=obesitas_pct&lang=en');
		expect(parseView(q(s.slice(1)))).toEqual(v);
		expect(viewQuery({ references: null, extra: [], indicators: null })).toBe('');
	});
});

describe('referencesFor', () => {
	it('offers city and rest of the city only below the gemeente', () => {
		expect(referencesFor('focus')).toEqual(['stad', 'rest', 'nl', 'g4']);
		expect(referencesFor('buurt', true)).toEqual(['stad', 'nl', 'g4']);
		expect(referencesFor('gemeente')).toEqual(['nl', 'g4']);
		expect(referencesFor('land')).toEqual(['g4']);
	});
});
