import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * An exclusive lock on the embedded database directory.
 *
 * PGlite has no inter-process lock: two processes on one data dir both "work"
 * and the first to close silently overwrites the other's writes. So every
 * process that opens the directory first creates `<dir>.lock` holding its pid;
 * a lock whose process is gone is taken over.
 */
export class DatabaseLockedError extends Error {}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

export function acquireDirLock(dir: string): () => void {
	mkdirSync(path.dirname(dir), { recursive: true });
	const file = `${dir}.lock`;
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(file, 'wx');
			writeSync(fd, String(process.pid));
			closeSync(fd);
			let released = false;
			const release = () => {
				if (released) return;
				released = true;
				try {
					if (readFileSync(file, 'utf8') === String(process.pid)) unlinkSync(file);
				} catch {
					/* already gone */
				}
			};
			process.once('exit', release);
			return release;
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
			const pid = Number(readFileSync(file, 'utf8'));
			if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
				throw new DatabaseLockedError(
					`De ingebouwde database in ${dir} is al geopend door proces ${pid}. ` +
						'Stop dat proces (bijvoorbeeld de draaiende server) en probeer het opnieuw; ' +
						'twee processen tegelijk zouden elkaars wijzigingen overschrijven.'
				);
			}
			unlinkSync(file); // stale: its process is gone
		}
	}
	throw new DatabaseLockedError(`Kon het slot ${file} niet krijgen.`);
}
