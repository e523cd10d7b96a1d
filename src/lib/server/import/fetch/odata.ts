/**
 * The CBS OData v3 adapter: pages through a table's TypedDataSet (following
 * `odata.nextLink`, else `$skip`), keeps the rows of one gemeente when asked,
 * and turns the columns it knows (tables.ts) into staged observations.
 *
 * Paging is resumable: everything read so far lives in a `FetchState` that can
 * be written to a JSON file after every page and read back after an
 * interruption. Missing figures (null, '.', CBS's negative sentinels such as
 * -99997) are read as "no figure": they never become a value.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import type { StagedObservation } from '../staged';
import { shown, type Problem } from '../problems';
import { silentProgress, type Progress } from '../progress';
import { getText, OfflineError, type HttpOptions } from './http';
import {
	KWB_MEASURES,
	POLITIE_MEASURE,
	POLITIE_OFFENCES,
	RIVM_AGE_ADULTS,
	RIVM_POINT_ESTIMATE,
	keyStem,
	rivmMeasures,
	type MeasureRule,
	type ODataTable
} from './tables';

/** What to fetch: a table, optionally one gemeente (GMgggg) and one year (tables with Perioden). */
export interface ODataRequest {
	table: ODataTable;
	gemeente: string | null;
	year: number | null;
}

/** One figure as read, before monthly counts are summed to a year. `period` is a Perioden code or a KWB year. */
export interface Cell {
	area: string;
	indicator: string;
	period: string;
	/** null: the source has no figure (kept only for months, so an incomplete year can be recognised) */
	value: number | null;
	/** 1-based row number within the fetched set */
	line: number;
}

/** Paging state: JSON-serialisable, so an interrupted fetch can continue where it stopped. */
export interface FetchState {
	version: 1;
	table: string;
	gemeente: string | null;
	year: number | null;
	/** URL of the next page; null when the last page has been read */
	next: string | null;
	/** rows read so far (all rows, also those of other gemeenten) */
	rows: number;
	/** rows in the whole (filtered) set as the server counted them; null when unknown */
	total: number | null;
	pages: number;
	cells: Cell[];
	problems: Problem[];
}

const AREA_CODE = /^(NL\d{2}|GM\d{4}|WK\d{6}|BU\d{8})$/;

/**
 * CBS's negative placeholders in some editions (-99997 "geheim", -99995,
 * -99999999 …): no figure. None of the indicators read here can be that
 * negative, so a whole range is safe.
 */
export const isSentinel = (v: number) => Number.isInteger(v) && (v === -99999999 || (v <= -99990 && v >= -99999));

/**
 * A CBS cell as a number, null for "no figure" (null, '', '.', 'x', '?', a
 * sentinel), or undefined when it is no number at all (a problem).
 */
export function cbsValue(raw: unknown): number | null | undefined {
	if (raw == null) return null;
	if (typeof raw === 'number') return Number.isFinite(raw) && !isSentinel(raw) ? raw : null;
	if (typeof raw !== 'string') return undefined;
	const text = raw.trim();
	if (text === '' || text === '.' || text === 'x' || text === '?') return null;
	if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined;
	const n = Number(text);
	return isSentinel(n) ? null : n;
}

/** The four digits of the gemeente an area code lies in (GM0344, WK034401, BU03440101 → 0344); null for NL01. */
export const gemeenteDigits = (code: string) => /^(GM|WK|BU)(\d{4})/.exec(code)?.[2] ?? null;

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * The server-side filter. substringof is what the CBS v3 service supports for
 * a prefix; it may also match elsewhere in a code, so rows are checked again
 * on arrival.
 */
function serverFilter(req: ODataRequest): string | null {
	const parts: string[] = [];
	const digits = req.gemeente ? gemeenteDigits(req.gemeente) : null;
	if (digits) parts.push(`substringof(${quote(digits)},WijkenEnBuurten)`);
	if (req.year != null && req.table.year == null) parts.push(`substringof(${quote(String(req.year))},Perioden)`);
	// RIVM publishes every age group with its margins: ask only for the point estimate for adults.
	if (req.table.kind === 'rivm') parts.push(`Leeftijd eq ${quote(RIVM_AGE_ADULTS)} and Marges eq ${quote(RIVM_POINT_ESTIMATE)}`);
	return parts.length ? parts.join(' and ') : null;
}

function dataSetUrl(base: string, req: ODataRequest, skip: number, top: number): string {
	const filter = serverFilter(req);
	return `${base}/${req.table.id}/TypedDataSet?${filter ? `$filter=${encodeURIComponent(filter)}&` : ''}$skip=${skip}&$top=${top}`;
}

/** A new state for `req` against the OData root `base` (e.g. https://opendata.cbs.nl/ODataApi/OData). */
export function startState(base: string, req: ODataRequest, pageSize = CBS_PAGE_SIZE): FetchState {
	return {
		version: 1,
		table: req.table.id,
		gemeente: req.gemeente,
		year: req.year,
		next: dataSetUrl(base, req, 0, pageSize),
		rows: 0,
		total: null,
		pages: 0,
		cells: [],
		problems: []
	};
}

/** The most rows CBS returns in one answer. */
export const CBS_PAGE_SIZE = 10_000;

const stateSchema = z.object({
	version: z.literal(1),
	table: z.string(),
	gemeente: z.string().nullable(),
	year: z.number().nullable(),
	next: z.string().nullable(),
	rows: z.number(),
	total: z.number().nullable(),
	pages: z.number(),
	cells: z.array(z.object({ area: z.string(), indicator: z.string(), period: z.string(), value: z.number().nullable(), line: z.number() })),
	problems: z.array(
		z.object({ file: z.string(), line: z.number().optional(), feature: z.number().optional(), field: z.string().optional(), reason: z.string() })
	)
});

export async function saveState(file: string, state: FetchState): Promise<void> {
	await writeFile(file, JSON.stringify(state));
}

/**
 * A saved state for the same request, or null: no file, not a state, or one of
 * another table, gemeente or year (which then starts afresh).
 */
export async function loadState(file: string, req: ODataRequest): Promise<FetchState | null> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch {
		return null;
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return null;
	}
	const parsed = stateSchema.safeParse(json);
	if (!parsed.success) return null;
	const s = parsed.data;
	return s.table === req.table.id && s.gemeente === req.gemeente && s.year === req.year ? s : null;
}

export interface FetchOptions {
	http?: HttpOptions;
	progress?: Progress;
	/** called after every page, e.g. to save the state */
	onPage?: (state: FetchState) => void | Promise<void>;
}

const pageSchema = z.object({
	value: z.array(z.record(z.string(), z.unknown())),
	'odata.nextLink': z.string().optional()
});

/** The number of rows the server counts for the request, or null when it will not say. */
async function countRows(state: FetchState, http: HttpOptions): Promise<number | null> {
	if (!state.next) return null;
	// String surgery rather than URLSearchParams, which would re-encode the filter's spaces as '+'.
	const [path, query = ''] = state.next.split('?');
	const rest = query
		.split('&')
		.filter((p) => !/^\$(skip|top)=/.test(p))
		.join('&');
	try {
		const text = (await getText(`${path}/$count${rest ? `?${rest}` : ''}`, http)).trim();
		return /^\d+$/.test(text) ? Number(text) : null;
	} catch (e) {
		if (e instanceof OfflineError) throw e;
		return null;
	}
}

/**
 * Reads pages of `req` until the last one, continuing `state` (a fresh one from
 * `startState`, or one from `loadState`). Throws `OfflineError`/`HttpError`
 * when the server cannot be reached; the state then holds every page read so
 * far. A page that is no OData answer becomes a problem and ends the paging.
 */
export async function fetchPages(req: ODataRequest, state: FetchState, options: FetchOptions = {}): Promise<FetchState> {
	const http = { service: 'CBS', ...options.http };
	const progress = options.progress ?? silentProgress;
	state.total ??= await countRows(state, http);
	progress.phase(`CBS ${req.table.id}`, state.total ?? state.rows);
	if (state.rows) progress.advance(state.rows, 'hervat');
	while (state.next) {
		const url = state.next;
		const text = await getText(url, http);
		const page = readPage(text, req.table.id, state.pages + 1);
		if ('problem' in page) {
			state.problems.push(page.problem);
			state.next = null;
			break;
		}
		page.rows.forEach((row, i) => readRow(row, state.rows + i + 1, req, state));
		state.rows += page.rows.length;
		state.pages++;
		// No nextLink after a page as long as the $top asked for: the server may page by $skip only, so ask for the next.
		const top = Number(/[?&]\$top=(\d+)/.exec(url)?.[1] ?? 0);
		state.next = page.nextLink ?? (top > 0 && page.rows.length >= top ? nextSkip(url, top) : null);
		if (state.total == null) {
			// Without a count the bar can only say how far it got.
			progress.phase(`CBS ${req.table.id}`, state.rows);
			progress.advance(state.rows, `pagina ${state.pages}`);
		} else progress.advance(page.rows.length, `pagina ${state.pages}`);
		await options.onPage?.(state);
	}
	return state;
}

function readPage(text: string, file: string, n: number): { rows: Record<string, unknown>[]; nextLink?: string } | { problem: Problem } {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return { problem: { file, reason: `pagina ${n} is geen JSON (begint met ${shown(text.trim().slice(0, 40))})` } };
	}
	const page = pageSchema.safeParse(json);
	if (!page.success) return { problem: { file, reason: `pagina ${n} is geen OData-antwoord (een lijst "value" met rijen ontbreekt)` } };
	return { rows: page.data.value, nextLink: page.data['odata.nextLink'] };
}

/** `url` with `$skip` moved on by one page: paging for a server that sends no nextLink. */
function nextSkip(url: string, pageSize: number): string {
	const skip = Number(/[?&]\$skip=(\d+)/.exec(url)?.[1] ?? 0) + pageSize;
	const moved = /[?&]\$skip=\d+/.test(url)
		? url.replace(/([?&])\$skip=\d+/, (_, sep: string) => `${sep}$skip=${skip}`)
		: `${url}${url.includes('?') ? '&' : '?'}$skip=${skip}`;
	return /[?&]\$top=/.test(moved) ? moved : `${moved}&$top=${pageSize}`;
}

const dimension = (row: Record<string, unknown>, key: string) => (typeof row[key] === 'string' ? (row[key] as string).trim() : null);

/** The period of a row: the KWB year, or a yearly (YYYYJJ00) or monthly (YYYYMMnn) Perioden code; null for others (quarters). */
function periodOf(row: Record<string, unknown>, req: ODataRequest): string | null {
	if (req.table.year != null) return String(req.table.year);
	const code = dimension(row, 'Perioden');
	if (!code || !/^\d{4}(JJ00|MM(0[1-9]|1[0-2]))$/.test(code)) return null;
	return req.year == null || code.startsWith(String(req.year)) ? code : null;
}

/** Which columns of this row become which indicator. */
function rulesFor(row: Record<string, unknown>, req: ODataRequest): ReadonlyMap<string, MeasureRule> | null {
	switch (req.table.kind) {
		case 'kwb':
			return KWB_MEASURES;
		case 'rivm': {
			const age = dimension(row, 'Leeftijd');
			const margin = dimension(row, 'Marges');
			if ((age != null && age !== RIVM_AGE_ADULTS) || (margin != null && margin !== RIVM_POINT_ESTIMATE)) return null;
			return rivmMeasures(req.table.id);
		}
		case 'politie': {
			const indicator = POLITIE_OFFENCES.get(dimension(row, 'SoortMisdrijf') ?? '');
			return indicator ? new Map([[POLITIE_MEASURE, { indicator, rank: 0 }]]) : null;
		}
	}
}

/** Turns one row into cells of `state` (or a problem); rows of other gemeenten, periods, ages or offence types are skipped. */
function readRow(row: Record<string, unknown>, line: number, req: ODataRequest, state: FetchState) {
	const file = req.table.id;
	const area = dimension(row, 'WijkenEnBuurten');
	if (!area) {
		state.problems.push({ file, line, field: 'WijkenEnBuurten', reason: 'gebiedscode ontbreekt' });
		return;
	}
	if (req.gemeente && gemeenteDigits(area) !== gemeenteDigits(req.gemeente)) return;
	if (!AREA_CODE.test(area)) {
		// CBS tables also hold regions the package has no level for (landsdelen, provincies …).
		if (/^(LD|PV|CR|RE)\d/.test(area)) return;
		state.problems.push({ file, line, field: 'WijkenEnBuurten', reason: `${shown(area)} is geen gebiedscode (NLnn, GMgggg, WKggggww of BUggggwwbb)` });
		return;
	}
	const period = periodOf(row, req);
	const rules = period && rulesFor(row, req);
	if (!period || !rules) return;
	const monthly = period.includes('MM');
	const best = new Map<string, { rank: number; value: number | null }>();
	for (const [key, raw] of Object.entries(row)) {
		const rule = rules.get(keyStem(key));
		if (!rule) continue;
		const value = cbsValue(raw);
		if (value === undefined) {
			state.problems.push({ file, line, field: key, reason: `${shown(raw)} is geen getal` });
			continue;
		}
		const seen = best.get(rule.indicator);
		// A lower rank wins, but only with a figure: an older stem fills in where the preferred one is empty.
		if (!seen || (value != null && (seen.value == null || rule.rank < seen.rank))) best.set(rule.indicator, { rank: rule.rank, value });
	}
	for (const [indicator, { value }] of best) {
		if (value != null || monthly) state.cells.push({ area, indicator, period, value, line });
	}
}

export interface ODataResult {
	observations: StagedObservation[];
	problems: Problem[];
	/** what was left out and why, for the terminal (not a reason to refuse) */
	notes: string[];
}

/**
 * The observations of a finished state: yearly figures as they are, monthly
 * counts (47022NED) summed to calendar years that have all twelve months;
 * other years are left out and counted in `notes`. A second figure for the
 * same area, indicator and period is a problem.
 */
export function observationsOf(state: FetchState, sourceId: string): ODataResult {
	const problems = [...state.problems];
	const notes: string[] = [];
	const observations: StagedObservation[] = [];
	const seen = new Map<string, number>();
	const add = (c: Cell, period: number, value: number) => {
		const key = `${c.area}|${c.indicator}|${period}`;
		const first = seen.get(key);
		if (first != null) {
			problems.push({ file: state.table, line: c.line, reason: `${c.area} ${c.indicator} ${period} staat er al (rij ${first})` });
			return;
		}
		seen.set(key, c.line);
		observations.push({ areaCode: c.area, indicator: c.indicator, period, value, sourceId, provisional: false, file: state.table, line: c.line });
	};
	const months = new Map<string, { first: Cell; months: Set<string>; sum: number; missing: boolean }>();
	for (const c of state.cells) {
		if (!c.period.includes('MM')) {
			if (c.value != null) add(c, Number(c.period.slice(0, 4)), c.value);
			continue;
		}
		const key = `${c.area}|${c.indicator}|${c.period.slice(0, 4)}`;
		const year = months.get(key) ?? { first: c, months: new Set<string>(), sum: 0, missing: false };
		year.months.add(c.period.slice(6));
		if (c.value == null) year.missing = true;
		else year.sum += c.value;
		months.set(key, year);
	}
	let incomplete = 0;
	let example = '';
	for (const [key, y] of months) {
		if (y.months.size === 12 && !y.missing) add(y.first, Number(y.first.period.slice(0, 4)), y.sum);
		else {
			incomplete++;
			example ||= key.replace(/\|/g, ' ');
		}
	}
	if (incomplete) {
		notes.push(`${incomplete} jaartotalen weggelaten omdat niet alle twaalf maanden een cijfer hebben (bijvoorbeeld ${example}).`);
	}
	return { observations, problems, notes };
}

/** The OData root of a table's catalogue. */
export interface ODataRoots {
	cbsODataUrl: string;
	cbsDataderdenUrl: string;
}
export const rootOf = (table: ODataTable, roots: ODataRoots) => (table.catalogue === 'cbs' ? roots.cbsODataUrl : roots.cbsDataderdenUrl);
