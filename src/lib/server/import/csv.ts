/**
 * The CSV reader of the importer (Papaparse underneath): records with the line
 * each starts on, the delimiter checked against the one the descriptor declares,
 * and cells that no database column could hold (a NUL character) refused.
 */
import Papa from 'papaparse';
import { shown, type ProblemList } from './problems';

export interface CsvRow {
	/** 1-based line in the file where the record starts (header = line 1) */
	line: number;
	cells: string[];
}
export interface Csv {
	header: string[];
	rows: CsvRow[];
}

const DELIMITER_NAMES: Record<string, string> = { ',': 'komma', ';': 'puntkomma', '\t': 'tab', '|': 'verticale streep' };
const firstLine = (text: string) => text.slice(0, text.search(/\r?\n|$/));
const delimiterName = (d: string) => `${DELIMITER_NAMES[d] ?? 'teken'} (${d === '\t' ? '\\t' : d})`;

/**
 * The delimiter the header line uses, or null when it shows none of the usual
 * ones (a one-column file). Only the header is looked at: it holds column names,
 * never quoted text with a stray `;` in it.
 */
export function detectDelimiter(text: string): string | null {
	const header = firstLine(text);
	let best: string | null = null;
	let most = 0;
	for (const d of Object.keys(DELIMITER_NAMES)) {
		const n = header.split(d).length - 1;
		if (n > most) [best, most] = [d, n];
	}
	return best;
}

function csvErrorText(err: Papa.ParseError): string {
	switch (err.code) {
		case 'MissingQuotes':
			return 'aanhalingsteken niet afgesloten';
		case 'InvalidQuotes':
			return 'ongeldig aanhalingsteken in een veld';
		case 'TooFewFields':
			return 'te weinig velden op deze regel';
		case 'TooManyFields':
			return 'te veel velden op deze regel';
		default:
			return shown(err.message);
	}
}

/**
 * Parses `text` with `delimiter` (the descriptor's `dialect.delimiter`, default
 * a comma). Adds a problem and returns null when the file cannot be read as a
 * table; rows with the wrong number of fields are reported and left out, a NUL
 * character is reported. Blank lines are skipped without shifting line numbers.
 */
export function parseCsv(text: string, file: string, problems: ProblemList, delimiter = ','): Csv | null {
	const detected = detectDelimiter(text);
	if (detected && detected !== delimiter && !firstLine(text).includes(delimiter)) {
		problems.add({
			file,
			line: 1,
			reason:
				`de velden zijn gescheiden door een ${delimiterName(detected)}, verwacht een ${delimiterName(delimiter)}; ` +
				`sla het bestand op met ${delimiterName(delimiter)} als scheidingsteken of geef dialect.delimiter op in datapackage.json`
		});
		return null;
	}
	// Blank lines are dropped after parsing, not by Papaparse: skipped lines would
	// shift the line number of every row after them.
	const parsed = Papa.parse<string[]>(text, { delimiter });
	// Line in the file (1-based, header = line 1) where each record starts; a quoted field may span lines.
	const lineOf: number[] = [];
	let next = 1;
	for (const cells of parsed.data) {
		lineOf.push(next);
		next += 1 + cells.reduce((n, c) => n + (c.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
	}
	for (const err of parsed.errors) {
		problems.add({ file, line: err.row != null ? lineOf[err.row] : undefined, reason: `CSV-fout: ${csvErrorText(err)}` });
	}
	if (parsed.errors.length) return null;
	const records = parsed.data.map((cells, i) => ({ line: lineOf[i], cells })).filter((r) => r.cells.some((c) => c.trim() !== ''));
	const [head, ...data] = records;
	if (!head) {
		problems.add({ file, line: 1, reason: 'leeg bestand (geen kopregel)' });
		return null;
	}
	const header = head.cells.map((h) => h.trim());
	const rows: CsvRow[] = [];
	for (const r of data) {
		if (r.cells.length !== header.length) {
			problems.add({
				file,
				line: r.line,
				reason:
					`${r.cells.length} velden, de kopregel heeft er ${header.length}` +
					(r.cells.length > header.length ? ' (staat er een komma in een getal of tekst zonder aanhalingstekens?)' : '')
			});
			continue;
		}
		// Reported, but the row is kept: its other checks still run, and a dropped
		// indicator or area would make every row that names it a problem too.
		const nul = r.cells.findIndex((c) => c.includes('\0'));
		if (nul >= 0) problems.add({ file, line: r.line, field: header[nul], reason: 'bevat een NUL-teken (\\0): het bestand is beschadigd of geen tekst' });
		rows.push(r);
	}
	return { header, rows };
}

/** The cells of a row by column name (missing columns as ''). */
export function recordOf(header: string[], cells: string[]): Record<string, string> {
	return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
}

/**
 * The lines of a small file of records with their own ids (targets,
 * interventions): exactly these columns (comma or semicolon separated, a BOM
 * allowed), each line read by `read` (null when it has a problem, which it
 * adds), and an id given twice refused on its second line. Problems are
 * added to the list; lines with problems are left out.
 */
export function readRecordLines<T>(
	textIn: string,
	file: string,
	problems: ProblemList,
	columns: readonly string[],
	read: (record: Record<string, string>, line: number) => T | null,
	idOf: (t: T) => string
): { line: number; read: T }[] {
	const delimiter = detectDelimiter(textIn) === ';' ? ';' : ',';
	const csv = parseCsv(textIn.replace(/^\uFEFF/, ''), file, problems, delimiter);
	if (!csv) return [];
	const missing = columns.filter((c) => !csv.header.includes(c));
	const extra = csv.header.filter((c) => !columns.includes(c));
	if (missing.length || extra.length) {
		problems.add({
			file,
			line: 1,
			reason: [missing.length ? `kolommen ontbreken: ${missing.join(', ')}` : '', extra.length ? `onbekende kolommen: ${shown(extra.join(', '))}` : '']
				.filter(Boolean)
				.join('; ')
		});
		return [];
	}
	const out: { line: number; read: T }[] = [];
	const seen = new Map<string, number>();
	for (const { line, cells } of csv.rows) {
		const r = read(recordOf(csv.header, cells), line);
		if (r == null) continue;
		const id = idOf(r);
		const first = seen.get(id);
		if (first != null) {
			problems.add({ file, line, field: 'id', reason: `id ${id} staat al op regel ${first}` });
			continue;
		}
		seen.set(id, line);
		out.push({ line, read: r });
	}
	return out;
}
