/**
 * One plain-language sentence per chart, in Dutch or English, e.g.
 * "Bloemhof: obesitas steeg van 19,0% in 2012 naar 22,5% in 2020; Rotterdam van
 * 14,9% naar 17,5%; het verschil nam toe met 0,9 procentpunt."
 * Used as the chart's visible caption and accessible description, and in
 * reports. Pure: numbers are formatted like everywhere else (format.ts), gaps
 * judged like everywhere else (gaps.ts). Withheld values count as unknown.
 */
import type { Locale } from '../i18n';
import { formatDifference, formatValue } from './format';
import { commonPeriods, gapTrend, toleranceFor, type ValueAt } from './gaps';
import { localized, type FormatFields, type IndicatorEntry } from './registry';

export type SummaryIndicator = FormatFields & Pick<IndicatorEntry, 'labelNl' | 'labelEn' | 'kind'>;

export interface NamedSeries {
	name: string;
	points: ValueAt[];
}

/** "Ernstig overgewicht" → "ernstig overgewicht"; acronyms ("WW", "WOZ") keep their capitals. */
export function lowerFirst(label: string): string {
	return /^\p{Lu}\p{Ll}/u.test(label) ? label[0].toLocaleLowerCase('nl') + label.slice(1) : label;
}

/**
 * Whether a Dutch indicator label is plural ("Geregistreerde misdrijven",
 * "Huishoudens met …"), for the verb ("stegen" / "steeg"). Looks at the first
 * word after leading adjectives; -en/-s nouns are plural except a few singular ones.
 */
export function isPluralNl(label: string): boolean {
	const words = label.split(/\s+/);
	let i = 0;
	while (i < words.length - 1 && (/^\p{L}+e$/u.test(words[i]) || words[i].endsWith('-') || words[i] === 'en')) i++;
	const w = words[i].toLocaleLowerCase('nl').replace(/[^\p{L}-]/gu, '');
	if (['ervaren', 'inkomen', 'wonen', 'leven'].includes(w)) return false;
	// -en (misdrijven, personen) and -s after -er/-en/-el/-je (inwoners, huishoudens); not "obesitas".
	return w.length > 3 && /(en|ers|ens|els|jes)$/.test(w);
}

const words = {
	nl: {
		rose: ['steeg', 'stegen'],
		fell: ['daalde', 'daalden'],
		stayed: ['bleef', 'bleven'],
		was: ['was', 'waren'],
		from: 'van',
		to: 'naar',
		in: 'in',
		until: 'tot',
		none: (area: string, label: string) => `${area}: geen cijfer voor ${label}.`,
		gapWider: 'het verschil nam toe met',
		gapNarrower: 'het verschil nam af met',
		gapSame: 'het verschil bleef gelijk'
	},
	en: {
		rose: ['rose', 'rose'],
		fell: ['fell', 'fell'],
		stayed: ['stayed at', 'stayed at'],
		was: ['was', 'was'],
		from: 'from',
		to: 'to',
		in: 'in',
		until: 'to',
		none: (area: string, label: string) => `${area}: no figure for ${label}.`,
		gapWider: 'the gap widened by',
		gapNarrower: 'the gap narrowed by',
		gapSame: 'the gap stayed the same'
	}
} as const;

/**
 * The sentence for one chart: the area's change from its first to its last
 * period and, when the reference shares at least two periods with it, the
 * reference's change over the first and last shared periods (named when they
 * differ from the area's) and whether the gap between them grew. Counts get no
 * reference (they scale with the size of an area).
 */
export function summarise(locale: Locale, indicator: SummaryIndicator, area: NamedSeries, reference: NamedSeries | null = null): string {
	const w = words[locale];
	const label = lowerFirst(localized(indicator, 'label', locale));
	const n = locale === 'nl' && isPluralNl(indicator.labelNl) ? 1 : 0;
	const fmt = (v: number) => formatValue(v, indicator, locale);
	const decimals = indicator.decimals;
	const known = area.points.filter((p): p is { period: number; value: number } => p.value != null).sort((a, b) => a.period - b.period);
	if (!known.length) return w.none(area.name, label);

	const ref = reference && indicator.kind !== 'count' ? reference : null;
	const common = ref ? commonPeriods(area.points, ref.points) : [];
	const moved = (from: number, to: number) => {
		const a = fmt(from);
		const b = fmt(to);
		return a === b ? 'same' : to > from ? 'up' : 'down';
	};

	if (known.length === 1) {
		const only = known[0];
		const at = ref?.points.find((p) => p.period === only.period && p.value != null);
		const refPart = at && ref ? `; ${ref.name}: ${fmt(at.value!)}` : '';
		return `${area.name}: ${label} ${w.was[n]} ${fmt(only.value)} ${w.in} ${only.period}${refPart}.`;
	}

	const [first, last] = common.length >= 2 ? [common[0], common[common.length - 1]] : [null, null];
	const a1 = known[0];
	const a2 = known[known.length - 1];
	// The reference's periods are named only when they differ from the area's.
	const samePeriods = first && last && first.period === a1.period && last.period === a2.period;
	const m = moved(a1.value, a2.value);
	let text =
		m === 'same'
			? `${area.name}: ${label} ${w.stayed[n]} ${fmt(a2.value)} ${w.from} ${a1.period} ${w.until} ${a2.period}`
			: `${area.name}: ${label} ${(m === 'up' ? w.rose : w.fell)[n]} ${w.from} ${fmt(a1.value)} ${w.in} ${a1.period} ${w.to} ${fmt(a2.value)} ${w.in} ${a2.period}`;

	if (ref && first && last) {
		const r = moved(first.reference, last.reference);
		const at = (p: number) => (samePeriods ? '' : ` ${w.in} ${p}`);
		text +=
			r === 'same'
				? `; ${ref.name} ${w.stayed[0]} ${fmt(last.reference)}${samePeriods ? '' : ` ${w.from} ${first.period} ${w.until} ${last.period}`}`
				: `; ${ref.name} ${w.from} ${fmt(first.reference)}${at(first.period)} ${w.to} ${fmt(last.reference)}${at(last.period)}`;
		const before = first.area - first.reference;
		const now = last.area - last.reference;
		const trend = gapTrend(before, now, toleranceFor(decimals));
		const size = formatDifference(Math.abs(now) - Math.abs(before), indicator, locale);
		text += `; ${trend === 'widened' ? `${w.gapWider} ${size}` : trend === 'narrowed' ? `${w.gapNarrower} ${size}` : w.gapSame}`;
	} else if (ref) {
		const at = ref.points.find((p) => p.period === a2.period && p.value != null);
		if (at) text += `; ${ref.name}: ${fmt(at.value!)} ${w.in} ${a2.period}`;
	}
	return `${text}.`;
}
