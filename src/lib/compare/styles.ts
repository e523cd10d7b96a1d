/**
 * Line styles of the compare page's small multiples: one per area, the same on
 * every chart of the page. The references keep the area page's styles (NL and
 * the G4 in their own colour and marker); areas take the other Okabe & Ito
 * colours, each paired with a marker shape, so that 42 areas stay apart and no
 * line is told apart by colour alone.
 */
import { OKABE_ITO, type SeriesStyle, type SymbolName } from '../charts/palette';

const COLOURS: { color: string; casing: string }[] = [
	{ color: OKABE_ITO.black, casing: '#ffffff' },
	{ color: OKABE_ITO.vermillion, casing: '#ffffff' },
	{ color: OKABE_ITO.blue, casing: '#ffffff' },
	{ color: OKABE_ITO.orange, casing: '#3d3d3d' },
	{ color: OKABE_ITO.skyBlue, casing: '#3d3d3d' },
	{ color: OKABE_ITO.yellow, casing: '#3d3d3d' }
];
const SYMBOLS: SymbolName[] = ['circle', 'square', 'diamond', 'star', 'wye', 'triangle', 'cross'];

/** The style of the i-th area of the set. */
export function areaStyle(i: number): SeriesStyle {
	return { ...COLOURS[i % COLOURS.length], symbol: SYMBOLS[i % SYMBOLS.length], width: 2.5 };
}
