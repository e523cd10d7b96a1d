CREATE TABLE "observation_replaced" (
	"area_code" text NOT NULL,
	"indicator" text NOT NULL,
	"period" integer NOT NULL,
	"value" double precision NOT NULL,
	"source_id" text NOT NULL,
	"provisional" boolean NOT NULL,
	"estimate" boolean,
	"batch_id" integer NOT NULL,
	"replaced_by" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "observation" ADD COLUMN "estimate" boolean;--> statement-breakpoint
ALTER TABLE "import_batch" ADD COLUMN "rolled_back_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "import_batch" ADD COLUMN "rolled_back_by" text;--> statement-breakpoint
CREATE INDEX "observation_replaced_by_idx" ON "observation_replaced" USING btree ("replaced_by");--> statement-breakpoint
CREATE INDEX "observation_replaced_batch_idx" ON "observation_replaced" USING btree ("batch_id");