/**
 * The one palette of the trend charts: Okabe & Ito's colour-blind-safe
 * categorical colours (Color Universal Design, 2008), each series also with its
 * own marker shape, so no line is told apart by colour alone. The focus area is
 * black and thickest; the fixed references keep their colour on every chart.
 * Colours with less than 3:1 contrast on white (WCAG 1.4.11) get a dark casing.
 */

export const OKABE_ITO = {
	black: '#000000',
	orange: '#E69F00',
	skyBlue: '#56B4E9',
	bluishGreen: '#009E73',
	yellow: '#F0E442',
	blue: '#0072B2',
	vermillion: '#D55E00',
	reddishPurple: '#CC79A7'
} as const;

/** Marker shapes, as named by d3-shape's symbol types. */
export type SymbolName = 'circle' | 'square' | 'diamond' | 'triangle' | 'cross' | 'star' | 'wye';

export interface SeriesStyle {
	color: string;
	symbol: SymbolName;
	/** Line width in px. */
	width: number;
	/** Drawn under the line: white to separate crossing lines, dark to lift a light colour. */
	casing: string;
}

export type SeriesRole = 'area' | 'stad' | 'rest' | 'nl' | 'g4';

const WHITE_CASING = '#ffffff';
const DARK_CASING = '#3d3d3d';

export const SERIES_STYLES: Record<SeriesRole, SeriesStyle> = {
	area: { color: OKABE_ITO.black, symbol: 'circle', width: 3.5, casing: WHITE_CASING },
	stad: { color: OKABE_ITO.vermillion, symbol: 'square', width: 2.5, casing: WHITE_CASING },
	rest: { color: OKABE_ITO.blue, symbol: 'diamond', width: 2.5, casing: WHITE_CASING },
	nl: { color: OKABE_ITO.bluishGreen, symbol: 'triangle', width: 2.5, casing: WHITE_CASING },
	g4: { color: OKABE_ITO.reddishPurple, symbol: 'cross', width: 2.5, casing: WHITE_CASING }
};

/** Areas the user adds, in the order added. */
export const EXTRA_STYLES: SeriesStyle[] = [
	{ color: OKABE_ITO.orange, symbol: 'star', width: 2.5, casing: DARK_CASING },
	{ color: OKABE_ITO.skyBlue, symbol: 'wye', width: 2.5, casing: DARK_CASING },
	{ color: OKABE_ITO.yellow, symbol: 'square', width: 2.5, casing: DARK_CASING }
];

export function styleFor(role: SeriesRole | 'extra', extraIndex = 0): SeriesStyle {
	return role === 'extra' ? EXTRA_STYLES[extraIndex % EXTRA_STYLES.length] : SERIES_STYLES[role];
}

/** WCAG relative luminance of a #rrggbb colour. */
export function relativeLuminance(hex: string): number {
	const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rrggbb colours (1–21). */
export function contrastRatio(a: string, b: string): number {
	const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}
