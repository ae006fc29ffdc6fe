CREATE TABLE `progress_updates` (
	`id` integer PRIMARY KEY NOT NULL,
	`milestone_id` integer NOT NULL,
	`recorded_at` text NOT NULL,
	`recorded_by` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`from_progress` integer,
	`to_progress` integer NOT NULL,
	`comment` text,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `progress_updates_milestone_idx` ON `progress_updates` (`milestone_id`);--> statement-breakpoint
ALTER TABLE `milestones` ADD `title_zh` text;--> statement-breakpoint
ALTER TABLE `milestones` ADD `revised_date` text;--> statement-breakpoint
ALTER TABLE `milestones` ADD `revised_precision` text;--> statement-breakpoint
ALTER TABLE `milestones` ADD `progress` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `milestones` ADD `responsible_organisation_id` integer REFERENCES organisations(id);--> statement-breakpoint
ALTER TABLE `milestones` ADD `event_id` integer REFERENCES events(id);--> statement-breakpoint
ALTER TABLE `milestones` ADD `evidence_url` text;--> statement-breakpoint
ALTER TABLE `milestones` ADD `note` text;--> statement-breakpoint
CREATE INDEX `milestones_status_idx` ON `milestones` (`status`);