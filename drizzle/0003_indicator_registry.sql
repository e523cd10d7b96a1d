-- Registry fields from geodata/indicator-rules.json (units, themes). Rows of an
-- earlier import get the values the pages used to derive from kind and unit,
-- with Dutch names in both languages; `npm run data:import` replaces them with
-- the rules file's values (the rules file is part of the batch checksum).
ALTER TABLE "indicator" ADD COLUMN "unit_en" text;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "format" text;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "decimals" integer;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "theme_order" integer;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "theme_nl" text;--> statement-breakpoint
ALTER TABLE "indicator" ADD COLUMN "theme_en" text;--> statement-breakpoint
UPDATE "indicator" SET
	"unit_en" = "unit",
	"format" = CASE "kind" WHEN 'count' THEN 'count' WHEN 'currency' THEN 'euroThousands' WHEN 'index' THEN 'index'
		ELSE CASE WHEN "unit" LIKE 'per 1 000%' THEN 'per1000' ELSE 'percent' END END,
	"decimals" = CASE "kind" WHEN 'rate' THEN 1 ELSE 0 END,
	"theme_order" = 0,
	"theme_nl" = "theme",
	"theme_en" = "theme";--> statement-breakpoint
ALTER TABLE "indicator" ALTER COLUMN "unit_en" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator" ALTER COLUMN "format" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator" ALTER COLUMN "decimals" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator" ALTER COLUMN "theme_order" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator" ALTER COLUMN "theme_nl" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator" ALTER COLUMN "theme_en" SET NOT NULL;
