/**
 * CBS "Kerncijfers wijken en buurten" (KWB) download files as CBS publishes
 * them: the first sheet of `kwb-YYYY.xlsx`, or `kwb-YYYY.csv` (comma or
 * semicolon, with or without a byte-order mark, LF or CRLF). Which columns
 * become which indicator is data: geodata/kwb-columns.json. Both formats are
 * streamed, so a national file (~100 MB of CSV) is never held as one string.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { z } from 'zod';
import { detectDelimiter } from './csv';
import { shown, type ProblemList } from './problems';
import type { Progress } from './progress';
import type { StagedObservation } from './staged';
import { indicatorRow, levelOfCode, parseNl, PERIOD_RANGE, zodProblems } from './validate';

const kwbColumn = z.object({
	indicator: z.string().regex(/^[a-z0-9_]+$/, 'alleen kleine letters, cijfers en _'),
	/** short column names of the download files, in order of preference */
	file: z.array(z.string().min(1)).min(1, 'noem ten minste één kolom'),
	/** key stems of the StatLine/OData tables (without the yearly numeric suffix) */
	odata: z.array(z.string().min(1))
});

const kwbColumns = z
	.object({
		$comment: z.string().optional(),
		columns: z.array(kwbColumn).min(1),
		/** registry rows for KWB columns the data package does not define (columns of indicators.csv) */
		indicators: z.array(indicatorRow)
	})
	.superRefine((k, ctx) => {
		const owner = new Map<string, string>();
		k.columns.forEach((c, i) => {
			for (const name of c.file) {
				const key = name.trim().toLowerCase();
				const prev = owner.get(key);
				if (prev) ctx.addIssue({ code: 'custom', path: ['columns', i, 'file'], message: `kolom ${name} hoort al bij ${prev}` });
				else owner.set(key, c.indicator);
			}
		});
	});

export type KwbColumn = z.output<typeof kwbColumn>;
export type KwbColumns = z.output<typeof kwbColumns>;

/** Reads geodata/kwb-columns.json; null (and problems added) when it is not valid. */
export function readKwbColumns(text: string, file: string, problems: ProblemList): KwbColumns | null {
	let json: unknown;
	try {
		json = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (e) {
		problems.add({ file, reason: `geen geldige JSON (${shown((e as Error).message)})` });
		return null;
	}
	const parsed = parseNl(kwbColumns, json);
	if (!parsed.success) {
		for (const p of zodProblems(parsed.error)) problems.add({ file, ...p });
		return null;
	}
	return parsed.data;
}

/** Columns that hold the CBS area code, in order of preference. */
export const KWB_CODE_COLUMNS = ['gwb_code_10', 'gwb_code'] as const;

/** Cells CBS writes for "no figure" (not available, secret, not applicable). */
const NO_FIGURE = new Set(['', '.', '-', 'x', 'X', '?']);
/** CBS sentinels for "no figure" in numeric columns (-99997, -99995, -99999 …). */
const SENTINEL_MAX = -99990;
const DECIMAL_POINT = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
const DECIMAL_COMMA = /^-?\d+(,\d+)?$/;

/**
 * The KWB year of a file from its name: `kwb-2023`, `kwb_2023`, else a lone
 * four-digit year 2000–2099 (`CBS-Utrecht-2023.xlsx`). Null when there is none.
 */
export function kwbYearOfName(name: string): number | null {
	const m = /kwb[-_ ]?(20\d{2})(?!\d)/i.exec(name) ?? /(?<!\d)(20\d{2})(?!\d)/.exec(name);
	return m ? Number(m[1]) : null;
}

type Cell = string | number | null;

/** What a KWB cell holds: a figure, no figure, or a reason it is neither. */
export function kwbValue(cell: Cell, decimalComma: boolean): { value: number | null } | { reason: string } {
	if (cell == null) return { value: null };
	let n: number;
	if (typeof cell === 'number') n = cell;
	else {
		const t = cell.trim();
		if (NO_FIGURE.has(t)) return { value: null };
		if (DECIMAL_POINT.test(t)) n = Number(t);
		else if (decimalComma && DECIMAL_COMMA.test(t)) n = Number(t.replace(',', '.'));
		else {
			const expected = decimalComma ? 'een getal (decimaal met komma of punt)' : 'een getal met decimale punt';
			return { reason: `"${shown(t)}" is geen getal; verwacht ${expected}, of . voor "geen cijfer"` };
		}
	}
	if (!Number.isFinite(n)) return { reason: `"${shown(String(cell))}" is geen eindig getal` };
	return { value: n <= SENTINEL_MAX ? null : n };
}

export interface KwbFileResult {
	rows: StagedObservation[];
	/** data rows (areas) in the file */
	count: number;
	/** indicators with at least one figure in `rows`, in the order of kwb-columns.json */
	indicators: string[];
	/** the KWB year given to every row (0 when unknown; a problem was added) */
	period: number;
}

export interface KwbFileOptions {
	/** KWB year; null to take it from the file name */
	period: number | null;
	sourceId: string;
	columns: KwbColumns;
	progress?: Progress;
}

/** One file's header and rows as they arrive, turned into observations. */
class KwbSheet {
	readonly rows: StagedObservation[] = [];
	count = 0;
	private header: string[] | null = null;
	private codeAt = -1;
	private mapped: { at: number; indicator: string; name: string }[] = [];
	private readonly seen = new Map<string, number>();
	/** false once the header was refused: the rows are not read */
	private usable = true;

	constructor(
		private readonly file: string,
		private readonly columns: KwbColumns,
		private readonly period: number,
		private readonly sourceId: string,
		/** a CSV with `;`: Dutch decimal commas are read too */
		private readonly decimalComma: boolean,
		/** a CSV: every record has as many fields as the header (an xlsx row ends at its last filled cell) */
		private readonly exactWidth: boolean,
		private readonly problems: ProblemList
	) {}

	/** Feeds one record (its cells and 1-based line or sheet row); blank records are skipped. */
	add(cells: Cell[], line: number) {
		if (!this.usable || cells.every((c) => c == null || (typeof c === 'string' && c.trim() === ''))) return;
		if (!this.header) this.readHeader(cells, line);
		else this.readRow(cells, line);
	}

	/** Adds the problems of the file as a whole (empty, header only); call after the last record. */
	finish() {
		if (!this.header) this.problems.add({ file: this.file, line: 1, reason: 'leeg bestand (geen kopregel)' });
		else if (this.usable && this.count === 0) this.problems.add({ file: this.file, reason: 'geen gebieden: het bestand heeft alleen een kopregel' });
	}

	private readHeader(cells: Cell[], line: number) {
		this.header = cells.map((c) =>
			String(c ?? '')
				.replace(/^\uFEFF/, '')
				.trim()
		);
		const at = new Map<string, number>();
		this.header.forEach((h, i) => {
			if (!at.has(h.toLowerCase())) at.set(h.toLowerCase(), i);
		});
		this.codeAt = KWB_CODE_COLUMNS.map((c) => at.get(c) ?? -1).find((i) => i >= 0) ?? -1;
		for (const c of this.columns.columns) {
			const i = c.file.map((f) => at.get(f.trim().toLowerCase()) ?? -1).find((j) => j >= 0);
			if (i != null) this.mapped.push({ at: i, indicator: c.indicator, name: this.header[i] });
		}
		if (this.codeAt < 0) {
			this.problems.add({
				file: this.file,
				line,
				reason: `geen kolom met de gebiedscode: verwacht ${KWB_CODE_COLUMNS.join(' of ')} (is dit een KWB-bestand van CBS?)`
			});
		}
		if (!this.mapped.length) {
			const expected = this.columns.columns.flatMap((c) => c.file).join(', ');
			this.problems.add({ file: this.file, line, reason: `geen van de KWB-kolommen gevonden; verwacht ten minste één van: ${expected}` });
		}
		this.usable = this.codeAt >= 0 && this.mapped.length > 0;
	}

	private readRow(cells: Cell[], line: number) {
		const header = this.header!;
		this.count++;
		const { file, problems } = this;
		const extra = cells.slice(header.length).some((c) => c != null && String(c).trim() !== '');
		if ((this.exactWidth && cells.length !== header.length) || extra) {
			problems.add({ file, line, reason: `${cells.length} velden, de kopregel heeft er ${header.length}` });
			return;
		}
		const code = String(cells[this.codeAt] ?? '').trim();
		const field = header[this.codeAt];
		if (!levelOfCode(code)) {
			problems.add({ file, line, field, reason: `"${shown(code)}" is geen CBS-gebiedscode (NLnn, GMgggg, WKggggww of BUggggwwbb)` });
			return;
		}
		const first = this.seen.get(code);
		if (first != null) {
			problems.add({ file, line, field, reason: `gebiedscode ${code} staat ook op regel ${first}` });
			return;
		}
		this.seen.set(code, line);
		for (const m of this.mapped) {
			const v = kwbValue(cells[m.at] ?? null, this.decimalComma);
			if ('reason' in v) problems.add({ file, line, field: m.name, reason: v.reason });
			else if (v.value !== null) {
				this.rows.push({
					areaCode: code,
					indicator: m.indicator,
					period: this.period,
					value: v.value,
					sourceId: this.sourceId,
					provisional: false,
					file,
					line
				});
			}
		}
	}
}

/** Bytes at the start of a file, to tell xlsx (a zip) from text. */
async function head(path: string, n: number): Promise<Buffer> {
	const fh = await open(path, 'r');
	try {
		const buf = Buffer.alloc(n);
		const { bytesRead } = await fh.read(buf, 0, n, 0);
		return buf.subarray(0, bytesRead);
	} finally {
		await fh.close();
	}
}

/** A read stream of `path` that reports the bytes read to `progress`. */
function tracked(path: string, progress: Progress | undefined, encoding?: BufferEncoding) {
	const stream = createReadStream(path, { encoding });
	if (progress) stream.on('data', (chunk) => progress.advance(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length));
	return stream;
}

/** Streams a CSV file record by record, with the line each record starts on. */
function streamCsv(path: string, delimiter: string, sheet: KwbSheet, file: string, problems: ProblemList, progress?: Progress): Promise<void> {
	return new Promise((resolve, reject) => {
		let next = 1;
		Papa.parse<string[]>(tracked(path, progress, 'utf8'), {
			delimiter,
			step(result) {
				const cells = result.data;
				const line = next;
				next += 1 + cells.reduce((n, c) => n + (c.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
				if (result.errors.length) {
					for (const err of result.errors) problems.add({ file, line, reason: `CSV-fout: ${shown(err.message)}` });
					return;
				}
				sheet.add(cells, line);
			},
			complete: () => resolve(),
			error: (e: Error) => reject(e)
		});
	});
}

/** What an exceljs cell value holds, as a KWB cell. */
function xlsxCell(v: ExcelJS.CellValue): Cell {
	if (v == null) return null;
	if (typeof v === 'number' || typeof v === 'string') return v;
	if (typeof v === 'boolean' || v instanceof Date) return String(v);
	if ('richText' in v) return v.richText.map((t) => t.text).join('');
	if ('result' in v) return xlsxCell((v.result ?? null) as ExcelJS.CellValue);
	if ('text' in v) return String(v.text);
	if ('error' in v) return String(v.error);
	return null;
}

/** Streams the first sheet of an xlsx file row by row, with its sheet row number. */
async function streamXlsx(path: string, sheet: KwbSheet, progress?: Progress): Promise<void> {
	const stream = tracked(path, progress);
	const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
		sharedStrings: 'cache',
		hyperlinks: 'ignore',
		styles: 'ignore',
		worksheets: 'emit',
		entries: 'ignore'
	});
	try {
		for await (const worksheet of reader) {
			for await (const row of worksheet) {
				// row.values is 1-based (index 0 is empty) and sparse where cells are empty.
				const values = row.values as ExcelJS.CellValue[];
				const cells: Cell[] = [];
				for (let i = 1; i < values.length; i++) cells.push(xlsxCell(values[i]));
				sheet.add(cells, row.number);
			}
			// Only the first sheet: CBS puts the figures there (later sheets are notes, if any).
			break;
		}
	} finally {
		// Leaving after the first sheet: the rest of the archive is not read.
		stream.destroy();
	}
}

const ZIP = Buffer.from('PK\x03\x04', 'latin1');
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/**
 * Reads a KWB download file (xlsx or csv, told apart by content) into
 * observations of `opts.period`, or of the year in the file name. Areas are
 * keyed by `gwb_code_10` (else `gwb_code`); CBS's `.` and negative sentinels
 * (≤ -99990) are no figure and give no row. Values keep CBS's units (counts,
 * percentages, × 1000 euro as published). Problems (file, line or sheet row,
 * column) are added to `problems`; rows with a problem are left out, and no
 * rows are returned when the year is unknown or no year (1900–2100).
 */
export async function readKwbFile(input: { path: string; name: string }, opts: KwbFileOptions, problems: ProblemList): Promise<KwbFileResult> {
	const file = input.name;
	let period = opts.period ?? kwbYearOfName(input.name);
	if (period == null) problems.add({ file, field: 'jaar', reason: 'jaar onbekend: geef het KWB-jaar op' });
	else if (!Number.isInteger(period) || period < PERIOD_RANGE.min || period > PERIOD_RANGE.max) {
		problems.add({ file, field: 'jaar', reason: `${shown(String(period))} is geen jaartal (${PERIOD_RANGE.min}–${PERIOD_RANGE.max})` });
		period = null;
	}
	const none: KwbFileResult = { rows: [], count: 0, indicators: [], period: period ?? 0 };
	let start: Buffer;
	let size: number;
	try {
		[start, size] = await Promise.all([head(input.path, 64 * 1024), stat(input.path).then((s) => s.size)]);
	} catch (e) {
		problems.add({ file, reason: `kan het bestand niet lezen (${(e as NodeJS.ErrnoException).code ?? shown((e as Error).message)})` });
		return none;
	}
	if (start.subarray(0, 4).equals(OLE)) {
		problems.add({ file, reason: 'oud Excel-formaat (.xls): sla het bestand op als .xlsx of .csv' });
		return none;
	}
	const xlsx = start.subarray(0, 4).equals(ZIP);
	const delimiter = xlsx ? ',' : detectDelimiter(start.toString('utf8').replace(/^\uFEFF/, '')) === ';' ? ';' : ',';
	const sheet = new KwbSheet(file, opts.columns, period ?? 0, opts.sourceId, delimiter === ';', !xlsx, problems);
	opts.progress?.phase(`${file} lezen`, size);
	try {
		if (xlsx) await streamXlsx(input.path, sheet, opts.progress);
		else await streamCsv(input.path, delimiter, sheet, file, problems, opts.progress);
	} catch (e) {
		const what = xlsx ? 'geen leesbaar xlsx-bestand' : 'kan het bestand niet lezen';
		problems.add({ file, reason: `${what} (${shown((e as Error).message)})` });
		return none;
	}
	sheet.finish();
	opts.progress?.done(`${file}: ${sheet.count} gebieden, ${sheet.rows.length} cijfers`);
	if (period == null) return { ...none, count: sheet.count };
	const present = new Set(sheet.rows.map((r) => r.indicator));
	const indicators = opts.columns.columns.map((c) => c.indicator).filter((k) => present.has(k));
	return { rows: sheet.rows, count: sheet.count, indicators, period };
}
