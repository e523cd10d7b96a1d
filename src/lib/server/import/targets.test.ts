import { describe, expect, it } from 'vitest';
import { ProblemList } from './problems';
import { checkTargetLines, readTargetLines, TARGET_COLUMNS } from './targets';

const HEADER = TARGET_COLUMNS.join(',');

describe('readTargetLines', () => {
	it('reads a value target and a reference target', () => {
		const problems = new ProblemList();
		const lines = readTargetLines(
			`${HEADER}\ntest-a,nprz-bloemhof,obesitas_pct,waarde,15.5,,2012,2030,"Test, met komma",,testsuite,2026-01-31\ntest-b,GM0599,obesitas_pct,referentie,,g4,2012,2032,Test,https://example.org,testsuite,2026\n`,
			'doelen.csv',
			problems
		);
		expect(problems.items).toEqual([]);
		expect(lines.map((l) => [l.line, l.target.id, l.target.kind, l.target.value, l.target.reference, l.target.citation])).toEqual([
			[2, 'test-a', 'waarde', 15.5, null, 'Test, met komma'],
			[3, 'test-b', 'referentie', null, 'g4', 'Test']
		]);
	});

	it('reads a semicolon file with decimal commas (Dutch Excel)', () => {
		const problems = new ProblemList();
		const lines = readTargetLines(
			`${TARGET_COLUMNS.join(';')}\ntest-a;nprz-bloemhof;obesitas_pct;waarde;15,5;;2012;2030;Test;;testsuite;2026\n`,
			'doelen.csv',
			problems
		);
		expect(problems.items).toEqual([]);
		expect(lines[0].target.value).toBe(15.5);
	});

	it('names each bad line and field', () => {
		const problems = new ProblemList();
		const lines = readTargetLines(
			[
				HEADER,
				'test-a,nprz-bloemhof,obesitas_pct,waarde,veel,,2012,2030,Test,,testsuite,2026',
				'test-b,nprz-bloemhof,obesitas_pct,waarde,15,,2012,2012,Test,,testsuite,2026',
				'test-c,nprz-bloemhof,obesitas_pct,referentie,,g5,2012,2030,Test,,testsuite,2026',
				'test-d,nprz-bloemhof,obesitas_pct,waarde,15,,2012,2030,,,testsuite,2026',
				'test-e,nprz-bloemhof,obesitas_pct,waarde,15,,2012,2030,Test,,testsuite,2026',
				'test-e,nprz-bloemhof,obesitas_pct,waarde,15,,2012,2030,Test,,testsuite,2026'
			].join('\n'),
			'doelen.csv',
			problems
		);
		expect(problems.items.map((p) => [p.line, p.field])).toEqual([
			[2, 'doelwaarde'],
			[3, 'doeljaar'],
			[4, 'referentie'],
			[5, 'bron'],
			[7, 'id']
		]);
		expect(problems.items[1].reason).toBe('doeljaar 2012 ligt niet na het basisjaar 2012');
		expect(lines.map((l) => l.target.id)).toEqual(['test-e']);
	});

	it('refuses a header without the documented columns', () => {
		const problems = new ProblemList();
		expect(readTargetLines('id,gebied,waarde\nx,y,1\n', 'doelen.csv', problems)).toEqual([]);
		expect(problems.items[0]).toMatchObject({ line: 1 });
		expect(problems.items[0].reason).toMatch(/kolommen ontbreken: indicator, soort/);
	});
});

describe('checkTargetLines', () => {
	it('refuses unknown areas and indicators, references that do not apply, and reference targets on counts', () => {
		const problems = new ProblemList();
		const lines = readTargetLines(
			[
				HEADER,
				'test-a,nergens,obesitas_pct,waarde,15,,2012,2030,Test,,testsuite,2026',
				'test-b,nprz-bloemhof,geluk,waarde,15,,2012,2030,Test,,testsuite,2026',
				'test-c,GM0599,obesitas_pct,referentie,,stad,2012,2030,Test,,testsuite,2026',
				'test-d,nprz-bloemhof,inwoners,referentie,,g4,2012,2030,Test,,testsuite,2026',
				'test-e,nprz-bloemhof,obesitas_pct,referentie,,g4,2012,2030,Test,,testsuite,2026'
			].join('\n'),
			'doelen.csv',
			problems
		);
		checkTargetLines(
			lines,
			'doelen.csv',
			{
				areas: new Map([
					['nprz-bloemhof', { kind: 'focus', superseded: false }],
					['GM0599', { kind: 'gemeente', superseded: false }]
				]),
				indicators: new Map([
					['obesitas_pct', { kind: 'rate' }],
					['inwoners', { kind: 'count' }]
				])
			},
			problems
		);
		expect(problems.items.map((p) => [p.line, p.field])).toEqual([
			[2, 'gebied'],
			[3, 'indicator'],
			[4, 'referentie'],
			[5, 'indicator']
		]);
	});
});
