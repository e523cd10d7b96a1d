-- A report's stored CSV as bytes: a text column loses the file's byte-order mark
-- on the way back (PGlite decodes text with it stripped), so the CSV served would
-- not be the one whose hash the page shows.
ALTER TABLE "report" ALTER COLUMN "csv" SET DATA TYPE bytea USING convert_to("csv", 'UTF8');
