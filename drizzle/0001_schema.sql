CREATE TABLE "area" (
	"code" text PRIMARY KEY NOT NULL,
	"level" text NOT NULL,
	"name" text,
	"gemeente_code" text,
	"wijk_code" text,
	"note" text,
	"superseded" boolean DEFAULT false NOT NULL,
	"batch_id" integer
);
--> statement-breakpoint
CREATE TABLE "boundary" (
	"code" text NOT NULL,
	"level" text NOT NULL,
	"vintage" integer NOT NULL,
	"geometry_quality" text DEFAULT 'exact' NOT NULL,
	"source_id" text NOT NULL,
	"geom" geometry(MultiPolygon,4326) NOT NULL,
	"batch_id" integer,
	CONSTRAINT "boundary_code_vintage_pk" PRIMARY KEY("code","vintage")
);
--> statement-breakpoint
CREATE TABLE "focus_area" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"municipality" text NOT NULL,
	"gemeente_code" text NOT NULL,
	"programme" text NOT NULL,
	"level" text NOT NULL,
	"part_of" text,
	"confidence" text NOT NULL,
	"population_kwb2024" integer,
	"population_cbs_reference" integer,
	"notes" text,
	"sources" jsonb NOT NULL,
	"batch_id" integer
);
--> statement-breakpoint
CREATE TABLE "focus_area_member" (
	"focus_area_id" text NOT NULL,
	"area_code" text NOT NULL,
	"partial" boolean DEFAULT false NOT NULL,
	CONSTRAINT "focus_area_member_focus_area_id_area_code_pk" PRIMARY KEY("focus_area_id","area_code")
);
--> statement-breakpoint
CREATE TABLE "indicator" (
	"key" text PRIMARY KEY NOT NULL,
	"label_nl" text NOT NULL,
	"label_en" text NOT NULL,
	"unit" text NOT NULL,
	"definition_nl" text NOT NULL,
	"definition_en" text NOT NULL,
	"higher_is_better" boolean,
	"kind" text NOT NULL,
	"denominator" text,
	"weight" text,
	"numerator" text,
	"scale" double precision,
	"estimate" boolean NOT NULL,
	"theme" text NOT NULL,
	"source_table" text NOT NULL,
	"batch_id" integer
);
--> statement-breakpoint
CREATE TABLE "observation" (
	"area_code" text NOT NULL,
	"indicator" text NOT NULL,
	"period" integer NOT NULL,
	"value" double precision NOT NULL,
	"source_id" text NOT NULL,
	"provisional" boolean DEFAULT false NOT NULL,
	"batch_id" integer NOT NULL,
	CONSTRAINT "observation_area_code_indicator_period_pk" PRIMARY KEY("area_code","indicator","period")
);
--> statement-breakpoint
CREATE TABLE "source" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"publisher" text,
	"table_ref" text,
	"url" text,
	"licence_name" text,
	"licence_title" text,
	"licence_url" text,
	"attribution" text NOT NULL,
	"caveats" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"batch_id" integer
);
--> statement-breakpoint
CREATE TABLE "import_batch" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"input" text NOT NULL,
	"checksum" text NOT NULL,
	"files" jsonb NOT NULL,
	"row_counts" jsonb NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"duration_ms" integer NOT NULL,
	"status" text NOT NULL,
	"imported_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "focus_area_member" ADD CONSTRAINT "focus_area_member_focus_area_id_focus_area_id_fk" FOREIGN KEY ("focus_area_id") REFERENCES "public"."focus_area"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "area_gemeente_idx" ON "area" USING btree ("gemeente_code");--> statement-breakpoint
CREATE INDEX "area_wijk_idx" ON "area" USING btree ("wijk_code");--> statement-breakpoint
CREATE INDEX "boundary_geom_idx" ON "boundary" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "boundary_level_vintage_idx" ON "boundary" USING btree ("level","vintage");--> statement-breakpoint
CREATE INDEX "observation_indicator_period_idx" ON "observation" USING btree ("indicator","period");