CREATE TABLE "intervention" (
	"id" text PRIMARY KEY NOT NULL,
	"area" text NOT NULL,
	"gemeente_code" text NOT NULL,
	"programme" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"theme" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"budget" double precision,
	"url" text,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "intervention_dates" CHECK ("intervention"."end_date" IS NULL OR "intervention"."end_date" >= "intervention"."start_date"),
	CONSTRAINT "intervention_budget" CHECK ("intervention"."budget" IS NULL OR "intervention"."budget" >= 0)
);
--> statement-breakpoint
CREATE TABLE "report" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"focus_area_id" text NOT NULL,
	"gemeente_code" text NOT NULL,
	"programme" text NOT NULL,
	"period" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"replaces_id" integer,
	"status" text DEFAULT 'concept' NOT NULL,
	"narrative" text DEFAULT '' NOT NULL,
	"snapshot" text NOT NULL,
	"snapshot_hash" text NOT NULL,
	"snapshot_at" timestamp with time zone NOT NULL,
	"data_version" text NOT NULL,
	"pdf" "bytea",
	"pdf_hash" text,
	"csv" text,
	"csv_hash" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"submitted_by" text,
	"submitted_at" timestamp with time zone,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"published_by" text,
	"published_at" timestamp with time zone,
	CONSTRAINT "report_area_period_version" UNIQUE("focus_area_id","period","version"),
	CONSTRAINT "report_published" CHECK ("report"."status" <> 'gepubliceerd' OR ("report"."published_at" IS NOT NULL AND "report"."csv" IS NOT NULL)),
	CONSTRAINT "report_version" CHECK ("report"."version" >= 1 AND ("report"."version" = 1) = ("report"."replaces_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "reporting_cadence" (
	"programme" text PRIMARY KEY NOT NULL,
	"cadence" text NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "intervention_area_idx" ON "intervention" USING btree ("area");--> statement-breakpoint
CREATE INDEX "intervention_gemeente_idx" ON "intervention" USING btree ("gemeente_code");--> statement-breakpoint
CREATE INDEX "report_gemeente_idx" ON "report" USING btree ("gemeente_code");--> statement-breakpoint
-- A published report is immutable, kept so by the database itself: any UPDATE
-- or DELETE of a published row fails, whoever asks. A correction is a new row.
CREATE FUNCTION report_published_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF OLD.status = 'gepubliceerd' THEN
		RAISE EXCEPTION 'report % is published: % refused', OLD.id, TG_OP USING ERRCODE = 'insufficient_privilege';
	END IF;
	IF TG_OP = 'DELETE' THEN
		RETURN OLD;
	END IF;
	RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER report_published_no_change BEFORE UPDATE OR DELETE ON report FOR EACH ROW EXECUTE FUNCTION report_published_immutable();
