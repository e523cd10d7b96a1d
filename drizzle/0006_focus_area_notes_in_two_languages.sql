ALTER TABLE "focus_area" ADD COLUMN "notes_nl" text;--> statement-breakpoint
ALTER TABLE "focus_area" ADD COLUMN "notes_en" text;--> statement-breakpoint
-- The one-language notes of earlier imports were English: kept as such until the next import brings both.
UPDATE "focus_area" SET "notes_en" = "notes";--> statement-breakpoint
ALTER TABLE "focus_area" DROP COLUMN "notes";