/**
 * npm run admin:create -- EMAIL [NAME]
 * Creates an administrator (role beheerder) in the configured database and
 * prints a one-time password, which must be changed at the first sign-in.
 * Refuses, and changes nothing, when a user with that e-mail address exists
 * (give such a user a new one-time password on /beheer/gebruikers instead).
 * The embedded database allows one process at a time: stop the server first.
 */
import { z } from 'zod';
import { translator } from '../src/lib/i18n/index';
import { createUser, UserError } from '../src/lib/server/auth/users';
import { openConfiguredDatabase } from '../src/lib/server/db/open';

const [emailArg, ...nameParts] = process.argv.slice(2).filter((a) => a !== '--');
const email = z.email().safeParse(emailArg?.trim().toLowerCase());
if (!email.success) {
	console.error('Gebruik: npm run admin:create -- E-MAILADRES [NAAM]\n(het e-mailadres ontbreekt of is ongeldig)');
	process.exit(2);
}
const database = await openConfiguredDatabase().catch((e: Error) => {
	console.error(e.message);
	process.exit(2);
});
try {
	const { user, oneTimePassword } = await createUser(
		database,
		{ id: null, email: 'opdrachtregel (admin:create)' },
		{
			email: email.data,
			name: nameParts.join(' ').trim() || email.data,
			roles: [{ role: 'beheerder', gemeenteCode: null, focusAreaId: null }]
		}
	);
	console.error(`Beheerder ${user.email} aangemaakt. Eenmalig wachtwoord (wijzigen bij de eerste keer inloggen op /inloggen):`);
	console.log(oneTimePassword);
} catch (e) {
	if (e instanceof UserError) {
		console.error(`${translator('nl')(e.key)} Er is niets gewijzigd. Geef die gebruiker zo nodig een nieuw eenmalig wachtwoord op /beheer/gebruikers.`);
		process.exitCode = 1;
	} else {
		console.error(e);
		process.exitCode = 2;
	}
} finally {
	await database.close();
}
