/**
 * Progress of a long import: files and rows. The terminal version draws one
 * bar on stderr (redrawn in place on a TTY, a line per step elsewhere).
 */
import { intlLocale } from '../../i18n/locale';

export interface Progress {
	phase(label: string, total: number): void;
	advance(n: number, detail?: string): void;
	done(summary: string): void;
}

export const silentProgress: Progress = { phase() {}, advance() {}, done() {} };

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
	const tty = Boolean(stream.isTTY);
	let label = '';
	let total = 0;
	let current = 0;
	let lastPrinted = -1;
	let detail = '';
	const fmt = (n: number) => n.toLocaleString(intlLocale('nl'));
	const draw = () => {
		const ratio = total > 0 ? Math.min(1, current / total) : 1;
		const pct = Math.floor(ratio * 100);
		if (tty) {
			const width = 28;
			const filled = Math.round(ratio * width);
			const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
			stream.write(`\r\x1b[K${label} ${bar} ${String(pct).padStart(3)}% ${fmt(current)}/${fmt(total)} ${detail}`);
		} else if (pct >= lastPrinted + 10 || current >= total) {
			lastPrinted = pct - (pct % 10);
			stream.write(`${label}: ${pct}% (${fmt(current)}/${fmt(total)}) ${detail}\n`);
		}
	};
	return {
		phase(l, t) {
			if (tty && label) stream.write('\n');
			label = l;
			total = t;
			current = 0;
			lastPrinted = -1;
			detail = '';
			draw();
		},
		advance(n, d) {
			current += n;
			if (d !== undefined) detail = d;
			draw();
		},
		done(summary) {
			if (tty) stream.write('\n');
			stream.write(`${summary}\n`);
		}
	};
}
