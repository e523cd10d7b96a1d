/**
 * An uploaded table of figures (`tabel`): CSV with the columns `area_code,
 * period, indicator, value` and optionally `area_level, source, estimate,
 * provisional`, comma-separated, UTF-8 (a byte-order mark and CRLF allowed).
 * Read as a stream, a few thousand rows at a time, so a file of 100 MB never
 * sits in memory whole: each block of checked rows goes to `take` before the
 * next is read; `read` hears of every chunk's bytes (for a progress bar).
 * Problems carry file, line and column.
 */
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';
import { shown, type ProblemList } from './problems';
import { parseNl, TIDY_OPTIONAL, TIDY_REQUIRED, tidyRow, zodProblems, type TidyRow } from './validate';

/** Rows handed on at a time. */
const BLOCK = 5000;

export interface TidyLine extends TidyRow {
	line: number;
}

/**
 * Streams `path` (shown as `file`) through the row checks; every block of good
 * rows goes to `take`. Returns the number of data lines read.
 */
export async function readTidyFile(
	path: string,
	file: string,
	problems: ProblemList,
	take: (rows: TidyLine[]) => Promise<void>,
	read: (bytes: number) => void = () => {}
): Promise<number> {
	let header: string[] | null = null;
	let next = 1;
	let count = 0;
	let block: TidyLine[] = [];
	let failure: unknown = null;
	const stream = createReadStream(path, { encoding: 'utf8' });
	stream.on('data', (chunk) => read(Buffer.byteLength(chunk)));
	await new Promise<void>((resolve, reject) => {
		Papa.parse<string[]>(stream as unknown as File, {
			delimiter: ',',
			chunk(results, parser) {
				const lines = results.data.map((cells) => {
					const line = next;
					next += 1 + cells.reduce((n, c) => n + (c.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
					return line;
				});
				for (const err of results.errors) problems.add({ file, line: err.row != null ? lines[err.row] : undefined, reason: `CSV-fout: ${csvError(err)}` });
				for (const [i, cells] of results.data.entries()) {
					if (!cells.some((c) => c.trim() !== '')) continue;
					if (!header) {
						header = readHeader(cells, file, problems);
						if (!header) {
							parser.abort();
							return;
						}
						continue;
					}
					count++;
					const row = readLine(header, cells, file, lines[i], problems);
					if (row) block.push(row);
				}
				if (block.length >= BLOCK) {
					const rows = block;
					block = [];
					parser.pause();
					take(rows).then(
						() => parser.resume(),
						(e: unknown) => {
							failure = e;
							parser.abort();
						}
					);
				}
			},
			complete: () => resolve(),
			error: (e: Error) => reject(e)
		});
	});
	if (failure) throw failure;
	if (!header && problems.size === 0) problems.add({ file, line: 1, reason: 'leeg bestand (geen kopregel)' });
	if (header && count === 0) problems.add({ file, line: 2, reason: 'alleen een kopregel, geen cijfers' });
	if (block.length) await take(block);
	return count;
}

function csvError(err: Papa.ParseError): string {
	if (err.code === 'MissingQuotes') return 'aanhalingsteken niet afgesloten';
	if (err.code === 'InvalidQuotes') return 'ongeldig aanhalingsteken in een veld';
	return shown(err.message);
}

/** The header: the required columns present, nothing unknown; null (with a problem) otherwise. */
function readHeader(cells: string[], file: string, problems: ProblemList): string[] | null {
	const header = cells.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, '') : c).trim());
	if (header.some((h) => h.includes('\0') || h.includes('\uFFFD'))) {
		problems.add({
			file,
			line: 1,
			reason: 'geen tekst in UTF-8 (binaire inhoud, NUL-tekens of een andere tekenset): sla de tabel op als CSV in UTF-8'
		});
		return null;
	}
	if (header.length === 1 && /[;\t]/.test(header[0])) {
		problems.add({ file, line: 1, reason: 'de kolommen zijn niet door komma’s gescheiden (puntkomma of tab?); sla het bestand op als CSV met komma’s' });
		return null;
	}
	const known: readonly string[] = [...TIDY_REQUIRED, ...TIDY_OPTIONAL];
	const missing = TIDY_REQUIRED.filter((c) => !header.includes(c));
	const unknown = header.filter((c) => !known.includes(c));
	const twice = header.filter((c, i) => header.indexOf(c) !== i);
	if (missing.length || unknown.length || twice.length) {
		const parts = [
			missing.length ? `kolommen ontbreken: ${missing.join(', ')}` : '',
			unknown.length ? `onbekende kolommen: ${shown(unknown.join(', '))} (toegestaan: ${known.join(', ')})` : '',
			twice.length ? `dubbele kolommen: ${shown(twice.join(', '))}` : ''
		];
		problems.add({ file, line: 1, reason: parts.filter(Boolean).join('; ') });
		return null;
	}
	return header;
}

function readLine(header: string[], cells: string[], file: string, line: number, problems: ProblemList): TidyLine | null {
	if (cells.length !== header.length) {
		problems.add({ file, line, reason: `${cells.length} velden, de kopregel heeft er ${header.length}` });
		return null;
	}
	const bad = cells.findIndex((c) => c.includes('\0') || c.includes('\uFFFD'));
	if (bad >= 0) {
		problems.add({
			file,
			line,
			field: header[bad],
			reason: cells[bad].includes('\0')
				? 'bevat een NUL-teken: het bestand is beschadigd of geen tekst'
				: 'geen geldige UTF-8-tekst: sla het bestand op als UTF-8'
		});
		return null;
	}
	const parsed = parseNl(tidyRow, Object.fromEntries(header.map((h, i) => [h, cells[i].trim()])));
	if (!parsed.success) {
		for (const p of zodProblems(parsed.error)) problems.add({ file, line, ...p });
		return null;
	}
	return { ...parsed.data, line };
}
