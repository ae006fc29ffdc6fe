CREATE TABLE `countries` (
	`code` text PRIMARY KEY NOT NULL,
	`alpha3` text NOT NULL,
	`numeric` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `countries_alpha3_unique` ON `countries` (`alpha3`);--> statement-breakpoint
CREATE UNIQUE INDEX `countries_numeric_unique` ON `countries` (`numeric`);--> statement-breakpoint
CREATE TABLE `event_countries` (
	`event_id` integer NOT NULL,
	`country_code` text NOT NULL,
	PRIMARY KEY(`event_id`, `country_code`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`country_code`) REFERENCES `countries`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `event_places` (
	`event_id` integer NOT NULL,
	`place_id` integer NOT NULL,
	PRIMARY KEY(`event_id`, `place_id`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`place_id`) REFERENCES `places`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `event_projects` (
	`event_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	PRIMARY KEY(`event_id`, `project_id`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_projects_project_idx` ON `event_projects` (`project_id`);--> statement-breakpoint
CREATE TABLE `event_sources` (
	`event_id` integer NOT NULL,
	`source_id` integer NOT NULL,
	PRIMARY KEY(`event_id`, `source_id`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`type` text NOT NULL,
	`start_date` text,
	`start_precision` text,
	`end_date` text,
	`end_precision` text,
	`date_text` text,
	`is_date_verified` integer NOT NULL,
	`is_year_inferred` integer DEFAULT false NOT NULL,
	`date_note` text,
	`city` text,
	`province_code` text,
	`format` text,
	`organisers` text,
	`participants` text,
	`description` text,
	`source_id` integer,
	`unverified` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_slug_unique` ON `events` (`slug`);--> statement-breakpoint
CREATE INDEX `events_start_idx` ON `events` (`start_date`);--> statement-breakpoint
CREATE TABLE `funding_areas` (
	`id` integer PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `funding_areas_slug_unique` ON `funding_areas` (`slug`);--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `milestones` (
	`id` integer PRIMARY KEY NOT NULL,
	`project_id` integer NOT NULL,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`planned_date` text,
	`planned_precision` text,
	`actual_date` text,
	`actual_precision` text,
	`status` text DEFAULT 'not-reported' NOT NULL,
	`is_derived` integer DEFAULT false NOT NULL,
	`source_id` integer,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `milestones_project_idx` ON `milestones` (`project_id`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` integer PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`acronym` text,
	`name_zh` text,
	`name_zh_source_id` integer,
	`name_zh_note` text,
	`name_de` text,
	`kind` text NOT NULL,
	`country_code` text,
	`is_international` integer DEFAULT false NOT NULL,
	`aliases` text DEFAULT '[]' NOT NULL,
	`successor_id` integer,
	`succession_year` integer,
	`succession_note` text,
	`source_id` integer,
	`unverified` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`name_zh_source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`country_code`) REFERENCES `countries`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`successor_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_slug_unique` ON `organisations` (`slug`);--> statement-breakpoint
CREATE INDEX `organisations_kind_idx` ON `organisations` (`kind`);--> statement-breakpoint
CREATE TABLE `places` (
	`id` integer PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name_en` text NOT NULL,
	`name_zh` text,
	`name_zh_source` text,
	`gb2260_code` text,
	`role` text,
	`province_code` text,
	`country_code` text NOT NULL,
	`lat` real,
	`lon` real,
	`coordinate_source` text,
	`note` text,
	`source_note` text,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`country_code`) REFERENCES `countries`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `places_slug_unique` ON `places` (`slug`);--> statement-breakpoint
CREATE INDEX `places_province_idx` ON `places` (`province_code`);--> statement-breakpoint
CREATE TABLE `project_countries` (
	`project_id` integer NOT NULL,
	`country_code` text NOT NULL,
	`note` text,
	PRIMARY KEY(`project_id`, `country_code`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`country_code`) REFERENCES `countries`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `project_funding_areas` (
	`project_id` integer NOT NULL,
	`funding_area_id` integer NOT NULL,
	`is_inferred` integer DEFAULT true NOT NULL,
	PRIMARY KEY(`project_id`, `funding_area_id`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`funding_area_id`) REFERENCES `funding_areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `project_keywords` (
	`project_id` integer NOT NULL,
	`keyword` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`project_id`, `keyword`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `project_locations` (
	`id` integer PRIMARY KEY NOT NULL,
	`project_id` integer NOT NULL,
	`kind` text NOT NULL,
	`place_id` integer,
	`province_code` text,
	`country_code` text,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`place_id`) REFERENCES `places`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`country_code`) REFERENCES `countries`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `project_locations_project_idx` ON `project_locations` (`project_id`);--> statement-breakpoint
CREATE INDEX `project_locations_province_idx` ON `project_locations` (`province_code`);--> statement-breakpoint
CREATE INDEX `project_locations_place_idx` ON `project_locations` (`place_id`);--> statement-breakpoint
CREATE TABLE `project_organisations` (
	`project_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`role` text NOT NULL,
	`name_as_written` text,
	`as_stated_by` text,
	PRIMARY KEY(`project_id`, `organisation_id`, `role`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `project_organisations_org_idx` ON `project_organisations` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `project_sources` (
	`project_id` integer NOT NULL,
	`source_id` integer NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`project_id`, `source_id`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `project_topics` (
	`project_id` integer NOT NULL,
	`topic_id` integer NOT NULL,
	`reason` text,
	PRIMARY KEY(`project_id`, `topic_id`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `project_topics_topic_idx` ON `project_topics` (`topic_id`);--> statement-breakpoint
CREATE TABLE `projects` (
	`id` integer PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`iki_project_number` text,
	`other_project_numbers` text,
	`title` text NOT NULL,
	`title_source_id` integer,
	`title_de` text,
	`title_de_source_id` integer,
	`title_zh` text,
	`title_zh_source_id` integer,
	`title_zh_note` text,
	`short_name` text,
	`summary` text,
	`summary_zh` text,
	`summary_de` text,
	`summary_translated_by` text,
	`type` text DEFAULT 'unknown' NOT NULL,
	`scope` text,
	`location_notes` text,
	`status_stated` text,
	`status_source` text,
	`start_date` text,
	`start_precision` text,
	`end_date` text,
	`end_precision` text,
	`starts_on` text,
	`ends_on` text,
	`duration_notes` text,
	`iki_funding_eur` real,
	`funding_notes` text,
	`programme` text DEFAULT 'IKI' NOT NULL,
	`programme_note` text,
	`predecessor_id` integer,
	`successor_id` integer,
	`source_id` integer,
	`unverified` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`title_source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`title_de_source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`title_zh_source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`predecessor_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`successor_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `projects_slug_unique` ON `projects` (`slug`);--> statement-breakpoint
CREATE INDEX `projects_title_idx` ON `projects` (`title`);--> statement-breakpoint
CREATE INDEX `projects_starts_on_idx` ON `projects` (`starts_on`);--> statement-breakpoint
CREATE INDEX `projects_ends_on_idx` ON `projects` (`ends_on`);--> statement-breakpoint
CREATE INDEX `projects_funding_idx` ON `projects` (`iki_funding_eur`);--> statement-breakpoint
CREATE INDEX `projects_type_idx` ON `projects` (`type`);--> statement-breakpoint
CREATE TABLE `provinces` (
	`code` text PRIMARY KEY NOT NULL,
	`adcode` text NOT NULL,
	`name_en` text NOT NULL,
	`name_zh` text NOT NULL,
	`label_lat` real NOT NULL,
	`label_lon` real NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `provinces_adcode_unique` ON `provinces` (`adcode`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` integer PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`url` text NOT NULL,
	`title` text NOT NULL,
	`publisher` text,
	`as_of` text,
	`as_of_precision` text,
	`retrieved_on` text NOT NULL,
	`retrieved_via` text,
	`note` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sources_slug_unique` ON `sources` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `sources_url_unique` ON `sources` (`url`);--> statement-breakpoint
CREATE TABLE `topics` (
	`id` integer PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`name_zh` text,
	`name_de` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `topics_slug_unique` ON `topics` (`slug`);