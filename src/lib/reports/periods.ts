/**
 * Reporting periods. A programme reports per half-year unless it chose
 * otherwise (per year or per quarter). A period is named by a label that
 * sorts in time: '2026-H2', '2026', '2026-Q3'. Pure.
 */
export const CADENCES = ['halfjaar', 'jaar', 'kwartaal'] as const;
export type Cadence = (typeof CADENCES)[number];
export const DEFAULT_CADENCE: Cadence = 'halfjaar';

export interface Period {
	label: string;
	cadence: Cadence;
	year: number;
	/** 1–2 for half-years, 1–4 for quarters, 1 for a year. */
	part: number;
	/** First and last day, ISO dates. */
	from: string;
	to: string;
}

const LABEL = /^(\d{4})(?:-(H[12]|Q[1-4]))?$/;

function build(cadence: Cadence, year: number, part: number): Period {
	const months = cadence === 'jaar' ? 12 : cadence === 'halfjaar' ? 6 : 3;
	const firstMonth = (part - 1) * months + 1;
	const lastMonth = firstMonth + months - 1;
	const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
	const pad = (n: number) => String(n).padStart(2, '0');
	const label = cadence === 'jaar' ? String(year) : `${year}-${cadence === 'halfjaar' ? 'H' : 'Q'}${part}`;
	return { label, cadence, year, part, from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(lastMonth)}-${pad(lastDay)}` };
}

/** The period a label names; null for anything else. */
export function parsePeriod(label: string): Period | null {
	const m = LABEL.exec(label.trim());
	if (!m) return null;
	const year = Number(m[1]);
	if (year < 2000 || year > 2100) return null;
	if (!m[2]) return build('jaar', year, 1);
	return build(m[2][0] === 'H' ? 'halfjaar' : 'kwartaal', year, Number(m[2][1]));
}

/** The period of a cadence a day (ISO date or Date) falls in. */
export function periodOf(day: Date | string, cadence: Cadence): Period {
	const d = typeof day === 'string' ? new Date(`${day}T00:00:00Z`) : day;
	const year = d.getUTCFullYear();
	const month = d.getUTCMonth();
	const part = cadence === 'jaar' ? 1 : cadence === 'halfjaar' ? Math.floor(month / 6) + 1 : Math.floor(month / 3) + 1;
	return build(cadence, year, part);
}

/** The period before this one, of the same cadence. */
export function previousPeriod(p: Period): Period {
	const parts = p.cadence === 'jaar' ? 1 : p.cadence === 'halfjaar' ? 2 : 4;
	return p.part > 1 ? build(p.cadence, p.year, p.part - 1) : build(p.cadence, p.year - 1, parts);
}

/**
 * The periods a report may be opened for on a day: the current one and the
 * `back` before it (a report is often written just after its period ended),
 * newest first.
 */
export function openablePeriods(today: Date, cadence: Cadence, back = 2): Period[] {
	const out = [periodOf(today, cadence)];
	for (let i = 0; i < back; i++) out.push(previousPeriod(out[out.length - 1]));
	return out;
}

/** The period in words: "2e halfjaar 2026", "2nd half of 2026", "3e kwartaal 2026", "2026". */
export function periodName(p: Period, locale: 'nl' | 'en'): string {
	if (p.cadence === 'jaar') return String(p.year);
	const nth = locale === 'nl' ? `${p.part}e` : (['1st', '2nd', '3rd', '4th'][p.part - 1] ?? `${p.part}th`);
	if (p.cadence === 'halfjaar') return locale === 'nl' ? `${nth} halfjaar ${p.year}` : `${nth} half of ${p.year}`;
	return locale === 'nl' ? `${nth} kwartaal ${p.year}` : `${nth} quarter of ${p.year}`;
}
