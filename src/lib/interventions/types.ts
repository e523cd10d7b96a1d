/**
 * An intervention as pages, charts and reports read it: what a programme did
 * in an area, from when to when (ISO dates; `endDate` null while running).
 * Types and pure helpers only, so that browser code needs nothing from
 * $lib/server.
 */
export interface Intervention {
	id: string;
	/** Focus-area id, wijk or buurt code. */
	area: string;
	gemeenteCode: string;
	programme: string;
	title: string;
	description: string;
	/** A theme key of the indicator registry. */
	theme: string;
	startDate: string;
	endDate: string | null;
	/** Euros; null when not given. */
	budget: number | null;
	url: string | null;
}

/** True when the intervention runs on some day of [from, to] (ISO dates, both inclusive). */
export function runsWithin(i: Pick<Intervention, 'startDate' | 'endDate'>, from: string, to: string): boolean {
	return i.startDate <= to && (i.endDate == null || i.endDate >= from);
}
