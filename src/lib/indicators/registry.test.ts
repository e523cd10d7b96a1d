import { describe, expect, it } from 'vitest';
import { differenceUnit, formatDifference, formatValue } from './format';
import { compareThemes, localized, registryEntry, scaleOf, themesOf, unitLabel, type IndicatorEntry } from './registry';
import { summarise } from './summary';

/** An entry with a unit and a theme that no code mentions: everything comes from its fields. */
const noise: IndicatorEntry = {
	key: 'geluidhinder_pct',
	labelNl: 'Ernstige geluidhinder',
	labelEn: 'Severe noise nuisance',
	unit: 'aandeel bewoners met hinder',
	unitEn: 'share of residents bothered',
	format: 'percent',
	decimals: 2,
	kind: 'rate',
	higherIsBetter: false,
	estimate: true,
	theme: 'leefomgeving',
	themeOrder: 7,
	themeNl: 'Leefomgeving',
	themeEn: 'Living environment'
};

describe('registry accessors', () => {
	it("read labels, definitions and themes in the reader's language", () => {
		expect(localized(noise, 'label', 'nl')).toBe('Ernstige geluidhinder');
		expect(localized(noise, 'label', 'en')).toBe('Severe noise nuisance');
		expect(localized(noise, 'theme', 'en')).toBe('Living environment');
		expect(localized({ definitionNl: 'Aandeel', definitionEn: 'Share' }, 'definition', 'en')).toBe('Share');
		expect(unitLabel(noise, 'nl')).toBe('aandeel bewoners met hinder');
		expect(unitLabel(noise, 'en')).toBe('share of residents bothered');
	});

	it("format by the entry's format and decimals, whatever its unit says", () => {
		expect(formatValue(12.3456, noise, 'nl')).toBe('12,35%');
		expect(formatValue(12.3456, noise, 'en')).toBe('12.35%');
		expect(formatValue(12.3456, { ...noise, format: 'per1000', decimals: 0 }, 'nl')).toBe('12 per 1.000');
		expect(formatDifference(1.5, noise, 'nl', { sign: true })).toBe('+1,50 procentpunt');
		expect(differenceUnit({ ...noise, format: 'count' }, 'en')).toBe('share of residents bothered');
		const area = {
			name: 'X',
			points: [
				{ period: 2020, value: 10 },
				{ period: 2024, value: 12.5 }
			]
		};
		expect(summarise('en', noise, area)).toBe('X: severe noise nuisance rose from 10.00% in 2020 to 12.50% in 2024.');
	});

	it('give rates their scale from the format only', () => {
		expect([scaleOf('percent'), scaleOf('per1000'), scaleOf('count'), scaleOf('index'), scaleOf('euroThousands')]).toEqual([100, 1000, null, null, null]);
	});

	it("order themes by the registry's order, then by key", () => {
		const t = (theme: string, themeOrder: number) => ({ theme, themeOrder, themeNl: theme, themeEn: theme });
		const items = [t('wonen', 4), t('leefomgeving', 7), t('gezondheid', 1), t('wonen', 4), t('armoede', 4)];
		expect(themesOf(items).map((x) => x.theme)).toEqual(['gezondheid', 'armoede', 'wonen', 'leefomgeving']);
		expect(items.toSorted(compareThemes).map((x) => x.theme)).toEqual(['gezondheid', 'armoede', 'wonen', 'wonen', 'leefomgeving']);
	});

	it('keep only the registry fields of a row', () => {
		const row = { ...noise, definitionNl: 'lang', batchId: 3 };
		expect(registryEntry(row)).toEqual(noise);
	});
});
