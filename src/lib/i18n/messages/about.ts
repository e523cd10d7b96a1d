/** Interface texts: about. Dutch first (the default), English beside it with the same keys. */
export const nl = {
	'about.title': 'Over de data',
	'about.intro':
		'De monitor toont alleen gepubliceerde open data. Per cijfer bewaren we bron, tabel, jaar en of het een modelschatting of voorlopig cijfer is. Hieronder de bronnen met de naamsvermelding die hun licentie vraagt.',
	'about.sources': 'Bronnen',
	'about.source': 'Bron',
	'about.publisher': 'Uitgever',
	'about.table': 'Tabel',
	'about.licence': 'Licentie',
	'about.attribution': 'Naamsvermelding',
	'about.caveats': 'Kanttekeningen',
	'about.imports': 'Importgeschiedenis',
	'about.import.when': 'Wanneer',
	'about.import.input': 'Invoer',
	'about.import.rows': 'Aantallen',
	'about.import.checksum': 'Controlegetal',
	'about.import.by': 'Door',
	'about.indicators': 'Indicatoren',
	'about.indicator': 'Indicator',
	'about.unit': 'Eenheid',
	'about.theme': 'Thema',
	'about.direction': 'Richting',
	'about.direction.up': 'hoger is beter',
	'about.direction.down': 'lager is beter',
	'about.direction.none': 'neutraal',
	'about.focusAreas': 'Afbakening van de focusgebieden',
	'about.focusAreas.wijken': '{n} CBS-wijken',
	'about.focusAreas.buurten': '{n} CBS-buurten',
	'about.focusAreas.text':
		'De focusgebieden zijn reconstructies uit openbare beschrijvingen, als verzameling CBS-wijken of -buurten (indeling 2024). Per gebied staat hoe zeker de afbakening is.'
} as const;

export const en: Record<keyof typeof nl, string> = {
	'about.title': 'About the data',
	'about.intro':
		'The monitor shows published open data only. For every figure we keep source, table, year and whether it is a model estimate or provisional. Below are the sources with the attribution their licence asks for.',
	'about.sources': 'Sources',
	'about.source': 'Source',
	'about.publisher': 'Publisher',
	'about.table': 'Table',
	'about.licence': 'Licence',
	'about.attribution': 'Attribution',
	'about.caveats': 'Caveats',
	'about.imports': 'Import history',
	'about.import.when': 'When',
	'about.import.input': 'Input',
	'about.import.rows': 'Counts',
	'about.import.checksum': 'Checksum',
	'about.import.by': 'By',
	'about.indicators': 'Indicators',
	'about.indicator': 'Indicator',
	'about.unit': 'Unit',
	'about.theme': 'Theme',
	'about.direction': 'Direction',
	'about.direction.up': 'higher is better',
	'about.direction.down': 'lower is better',
	'about.direction.none': 'neutral',
	'about.focusAreas': 'Delineation of the focus areas',
	'about.focusAreas.wijken': '{n} CBS districts (wijken)',
	'about.focusAreas.buurten': '{n} CBS neighbourhoods (buurten)',
	'about.focusAreas.text':
		'The focus areas are reconstructed from public descriptions as sets of CBS districts or neighbourhoods (2024 classification). Each area states how certain its delineation is.'
};
