CREATE TABLE `indicator_periods` (
	`id` integer PRIMARY KEY NOT NULL,
	`indicator_id` integer NOT NULL,
	`period_start` text NOT NULL,
	`period_start_precision` text DEFAULT 'day' NOT NULL,
	`period_end` text NOT NULL,
	`period_end_precision` text DEFAULT 'day' NOT NULL,
	`target_value` real,
	`target_comment` text,
	`target_dimensions` text,
	`actual_value` real,
	`actual_comment` text,
	`actual_dimensions` text,
	`evidence_url` text,
	`reported_by` text,
	`report_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicator_periods_unique_idx` ON `indicator_periods` (`indicator_id`,`period_start`,`period_end`);--> statement-breakpoint
CREATE TABLE `indicators` (
	`id` integer PRIMARY KEY NOT NULL,
	`project_id` integer NOT NULL,
	`title` text NOT NULL,
	`title_zh` text,
	`title_de` text,
	`description` text,
	`unit` text,
	`measure` text DEFAULT 'unit' NOT NULL,
	`is_ascending` integer DEFAULT true NOT NULL,
	`standard_indicator_id` integer,
	`disaggregation` text,
	`result_type` text,
	`result_title` text,
	`baseline_value` real,
	`baseline_year` integer,
	`baseline_date` text,
	`baseline_comment` text,
	`position` integer DEFAULT 0 NOT NULL,
	`source_id` integer,
	`created_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`standard_indicator_id`) REFERENCES `standard_indicators`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `indicators_project_idx` ON `indicators` (`project_id`,`position`);--> statement-breakpoint
CREATE INDEX `indicators_standard_idx` ON `indicators` (`standard_indicator_id`);--> statement-breakpoint
CREATE TABLE `standard_indicators` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`title_zh` text,
	`title_de` text,
	`definition` text,
	`unit` text,
	`is_additive` integer DEFAULT false NOT NULL,
	`source_id` integer,
	`position` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `standard_indicators_code_unique` ON `standard_indicators` (`code`);--> statement-breakpoint
ALTER TABLE `reports` ADD `indicator_updates` text DEFAULT '[]' NOT NULL;