CREATE TABLE "boundary_replaced" (
	"code" text NOT NULL,
	"level" text NOT NULL,
	"vintage" integer NOT NULL,
	"geometry_quality" text NOT NULL,
	"source_id" text NOT NULL,
	"geom" geometry(MultiPolygon,4326) NOT NULL,
	"batch_id" integer,
	"replaced_by" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "boundary_replaced_by_idx" ON "boundary_replaced" USING btree ("replaced_by");