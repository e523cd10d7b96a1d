/**
 * The four headline figures of the overview. Each slot lists indicators in order
 * of preference: an area shows the first one that has a value for it (the
 * package has employment only per gemeente, so areas fall back to the nearest
 * work/income figure their sources publish).
 */
import type { MessageKey } from '../i18n';

export interface HeadlineSlot {
	id: 'obesity' | 'work' | 'crime' | 'socialHousing';
	label: MessageKey;
	indicators: string[];
}

export const HEADLINES: HeadlineSlot[] = [
	{ id: 'obesity', label: 'headline.obesity', indicators: ['obesitas_pct'] },
	{
		id: 'work',
		label: 'headline.work',
		indicators: ['netto_arbeidsparticipatie_pct', 'werknemer_pct_elan', 'moeite_rondkomen_pct', 'inkomen_per_inwoner_keur']
	},
	{ id: 'crime', label: 'headline.crime', indicators: ['misdrijven_per_1000'] },
	{ id: 'socialHousing', label: 'headline.socialHousing', indicators: ['sociale_huur_pct'] }
];

/** One headline figure of one focus area, with its city's value for comparison. */
export interface FigureCell {
	indicator: string;
	period: number;
	value: number;
	estimate: boolean;
	provisional: boolean;
	membersWithData: number;
	membersTotal: number;
	/** Share of inhabitants covered (0–1), null when unknown. */
	coverage: number | null;
	weightPeriods: number[];
	sources: string[];
	city: { value: number; period: number } | null;
}
