CREATE TABLE `iati_staging` (
	`id` integer PRIMARY KEY NOT NULL,
	`import_id` text NOT NULL,
	`line` integer NOT NULL,
	`iati_identifier` text NOT NULL,
	`activity` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `iati_staging_import_idx` ON `iati_staging` (`import_id`,`iati_identifier`);--> statement-breakpoint
ALTER TABLE `organisations` ADD `iati_ref` text;--> statement-breakpoint
CREATE INDEX `organisations_iati_ref_idx` ON `organisations` (`iati_ref`);--> statement-breakpoint
ALTER TABLE `projects` ADD `origin` text DEFAULT 'hub' NOT NULL;--> statement-breakpoint
ALTER TABLE `projects` ADD `iati_identifier` text;--> statement-breakpoint
ALTER TABLE `projects` ADD `publisher_ref` text;--> statement-breakpoint
ALTER TABLE `projects` ADD `publisher_name` text;--> statement-breakpoint
CREATE UNIQUE INDEX `projects_iati_identifier_unique` ON `projects` (`iati_identifier`);--> statement-breakpoint
CREATE INDEX `projects_origin_idx` ON `projects` (`origin`);