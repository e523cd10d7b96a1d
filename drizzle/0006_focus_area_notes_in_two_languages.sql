ALTER TABLE "focus_area" ADD COLUMN "notes_nl" text;--> statement-breakpoint
ALTER TABLE "focus_area" ADD COLUMN "notes_en" text;--> statement-breakpoint
ALTER TABLE "focus_area" DROP COLUMN "notes";