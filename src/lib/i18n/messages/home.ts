/** Interface texts: home. Dutch first (the default), English beside it with the same keys. */
export const nl = {
	'home.title': 'Focusgebieden',
	'home.intro':
		'De 20 gebieden van het Nationaal Programma Leefbaarheid en Veiligheid (NPLV) en de 7 focuswijken van het Nationaal Programma Rotterdam Zuid (NPRZ). Per gebied de laatst bekende waarde van vier kerncijfers, naast het gemiddelde van de stad.',
	'home.nplv': 'NPLV-gebieden',
	'home.nprz': 'NPRZ-focuswijken (Rotterdam-Zuid)',
	'home.area': 'Gebied',
	'home.population': 'Inwoners',
	'home.city': 'Stad',
	'home.cityAverage': '{city}: {value}',
	'home.noData': 'geen cijfer',
	'home.fallback': 'Ander cijfer: {label} {value} ({period})',
	'home.noDataWhy': 'Geen cijfer: {reason}',
	'home.reason.noSource': 'de bron publiceert dit cijfer niet voor deze gebieden',
	'home.reason.noMembers': 'geen van de wijken/buurten heeft een waarde',
	'home.reason.suppressed': 'niet getoond: te weinig inwoners of gevallen om het cijfer te tonen zonder privacyrisico',
	'home.reason.oldClassification':
		'de bron publiceert dit cijfer alleen op een oudere gebiedsindeling, waarvan de codes niet meer overeenkomen met de huidige wijken en buurten',
	'home.emptyDatabase': 'Er zijn nog geen gegevens geladen. Start de import met npm run data:import.',
	'home.confidence.official': 'officiële afbakening',
	'home.confidence.strong': 'afbakening afgeleid',
	'home.confidence.approximate': 'afbakening bij benadering',
	'home.caption': 'Kerncijfers per focusgebied en het gemiddelde van de gemeente. Periode en bron staan bij elk cijfer.'
} as const;

export const en: Record<keyof typeof nl, string> = {
	'home.title': 'Focus areas',
	'home.intro':
		'The 20 areas of the National Programme for Liveability and Safety (NPLV) and the 7 focus neighbourhoods of the National Programme Rotterdam South (NPRZ). For each area the latest value of four headline figures, next to the city average.',
	'home.nplv': 'NPLV areas',
	'home.nprz': 'NPRZ focus neighbourhoods (Rotterdam-Zuid)',
	'home.area': 'Area',
	'home.population': 'Inhabitants',
	'home.city': 'City',
	'home.cityAverage': '{city}: {value}',
	'home.noData': 'no figure',
	'home.fallback': 'Another figure: {label} {value} ({period})',
	'home.noDataWhy': 'No figure: {reason}',
	'home.reason.noSource': 'the source does not publish this figure for these areas',
	'home.reason.noMembers': 'none of the districts/neighbourhoods has a value',
	'home.reason.suppressed': 'withheld: too few inhabitants or cases to show the figure without a privacy risk',
	'home.reason.oldClassification':
		'the source publishes this figure only on an older area classification whose codes no longer match the current districts and neighbourhoods',
	'home.emptyDatabase': 'No data has been loaded yet. Run the import with npm run data:import.',
	'home.confidence.official': 'official boundary',
	'home.confidence.strong': 'boundary inferred',
	'home.confidence.approximate': 'approximate boundary',
	'home.caption': 'Headline figures per focus area and the municipal average. Period and source are given with each figure.'
};
