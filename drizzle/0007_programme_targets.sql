CREATE TABLE "target" (
	"id" text PRIMARY KEY NOT NULL,
	"area" text NOT NULL,
	"indicator" text NOT NULL,
	"kind" text NOT NULL,
	"value" double precision,
	"reference" text,
	"base_year" integer NOT NULL,
	"target_year" integer NOT NULL,
	"citation" text NOT NULL,
	"url" text,
	"set_by" text NOT NULL,
	"set_on" text NOT NULL,
	"imported_by" text NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	"batch_id" integer NOT NULL,
	CONSTRAINT "target_kind_fields" CHECK (("target"."kind" = 'waarde' AND "target"."value" IS NOT NULL AND "target"."reference" IS NULL) OR ("target"."kind" = 'referentie' AND "target"."value" IS NULL AND "target"."reference" IS NOT NULL)),
	CONSTRAINT "target_years" CHECK ("target"."target_year" > "target"."base_year")
);
--> statement-breakpoint
CREATE INDEX "target_area_idx" ON "target" USING btree ("area");