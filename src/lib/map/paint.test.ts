import { describe, expect, it } from 'vitest';
import { Color, createPropertyExpression, featureFilter, latest, type StylePropertySpecification } from '@maplibre/maplibre-gl-style-spec';
import { borderWidth, fillColor, gemeenteFilter, noDataOpacity, TRANSPARENT } from './paint';

// The expressions are checked the way MapLibre reads them: parsed against the
// style specification and evaluated with feature-state.
function evaluate(expr: unknown, property: 'fill-color' | 'fill-opacity' | 'line-width', state: Record<string, unknown>) {
	const group = (property === 'line-width' ? latest.paint_line : latest.paint_fill) as Record<string, unknown>;
	const spec = group[property] as StylePropertySpecification;
	const parsed = createPropertyExpression(expr, 'paint', spec);
	if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
	return parsed.value.evaluate({ zoom: 12 }, { type: 'Polygon', properties: {}, id: 'BU1' } as never, state as never);
}
const colour = (hex: string) => Color.parse(hex)!.toString();

describe('fillColor', () => {
	const breaks = [12, 16, 20];
	const colours = ['#fef0d9', '#fdcc8a', '#fc8d59', '#d7301f'];
	const expr = fillColor(breaks, colours, 'v');

	it('colours a value by its class, with breaks belonging to the upper class', () => {
		expect(evaluate(expr, 'fill-color', { v: 8.5 }).toString()).toBe(colour('#fef0d9'));
		expect(evaluate(expr, 'fill-color', { v: 12 }).toString()).toBe(colour('#fdcc8a'));
		expect(evaluate(expr, 'fill-color', { v: 19.9 }).toString()).toBe(colour('#fc8d59'));
		expect(evaluate(expr, 'fill-color', { v: 24.5 }).toString()).toBe(colour('#d7301f'));
	});

	it('leaves areas without a value transparent (the hatch shows), also a value of 0 is a value', () => {
		expect(evaluate(expr, 'fill-color', {}).toString()).toBe(colour(TRANSPARENT));
		expect(evaluate(expr, 'fill-color', { v: null }).toString()).toBe(colour(TRANSPARENT));
		expect(evaluate(expr, 'fill-color', { v: 0 }).toString()).toBe(colour('#fef0d9'));
	});

	it('reads the difference key in difference mode', () => {
		const d = fillColor([0], ['#0571b0', '#ca0020'], 'd');
		expect(evaluate(d, 'fill-color', { v: 30, d: -2 }).toString()).toBe(colour('#0571b0'));
		expect(evaluate(d, 'fill-color', { v: 30 }).toString()).toBe(colour(TRANSPARENT));
	});

	it('handles a single class and refuses mismatched colours', () => {
		expect(evaluate(fillColor([], ['#6baed6'], 'v'), 'fill-color', { v: 3 }).toString()).toBe(colour('#6baed6'));
		expect(fillColor([], [], 'v')).toBe(TRANSPARENT);
		expect(() => fillColor([1, 2], ['#000000'], 'v')).toThrow();
	});
});

describe('noDataOpacity and borders', () => {
	it('shows the hatch only where there is no value', () => {
		expect(evaluate(noDataOpacity('v'), 'fill-opacity', {})).toBe(1);
		expect(evaluate(noDataOpacity('v'), 'fill-opacity', { v: 4 })).toBe(0);
	});

	it('thickens the border of the selected and hovered area', () => {
		expect(evaluate(borderWidth(), 'line-width', {})).toBe(0.5);
		expect(evaluate(borderWidth(), 'line-width', { hover: true })).toBe(2);
		expect(evaluate(borderWidth(), 'line-width', { hover: true, selected: true })).toBe(3);
	});
});

describe('gemeenteFilter', () => {
	const inRotterdam = { type: 3, properties: { gm: 'GM0599' } } as never;
	const inSchiedam = { type: 3, properties: { gm: 'GM0606' } } as never;
	const test = (f: ReturnType<typeof gemeenteFilter>, feature: never) => featureFilter(f, 'filter').filter({ zoom: 12 }, feature);

	it('keeps the areas of one gemeente, and the complement for the context layer', () => {
		expect(test(gemeenteFilter('GM0599'), inRotterdam)).toBe(true);
		expect(test(gemeenteFilter('GM0599'), inSchiedam)).toBe(false);
		expect(test(gemeenteFilter('GM0599', false), inSchiedam)).toBe(true);
	});

	it('keeps everything for the whole country, and no context', () => {
		expect(test(gemeenteFilter(null), inSchiedam)).toBe(true);
		expect(test(gemeenteFilter(null, false), inSchiedam)).toBe(false);
	});
});
