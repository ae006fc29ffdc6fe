CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY NOT NULL,
	`report_id` integer NOT NULL,
	`kind` text NOT NULL,
	`user_id` integer NOT NULL,
	`day` text NOT NULL,
	`created_at` text NOT NULL,
	`sent_at` text,
	`error` text,
	`message_id` text,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_once_idx` ON `notifications` (`report_id`,`kind`,`user_id`,`day`);--> statement-breakpoint
CREATE INDEX `notifications_created_idx` ON `notifications` (`created_at`);--> statement-breakpoint
CREATE TABLE `reporting_rounds` (
	`id` integer PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`title_zh` text,
	`title_de` text,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`due_on` text NOT NULL,
	`event_id` integer,
	`state` text DEFAULT 'draft' NOT NULL,
	`opened_at` text,
	`closed_at` text,
	`created_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reporting_rounds_slug_unique` ON `reporting_rounds` (`slug`);--> statement-breakpoint
CREATE INDEX `reporting_rounds_state_idx` ON `reporting_rounds` (`state`,`due_on`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY NOT NULL,
	`round_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	`state` text DEFAULT 'not-started' NOT NULL,
	`language` text,
	`texts` text DEFAULT '{}' NOT NULL,
	`milestone_updates` text DEFAULT '[]' NOT NULL,
	`review_comments` text DEFAULT '{}' NOT NULL,
	`updated_at` text,
	`updated_by` integer,
	`state_changed_at` text,
	`submitted_at` text,
	`approved_at` text,
	`approved_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `reporting_rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reports_round_project_idx` ON `reports` (`round_id`,`project_id`);--> statement-breakpoint
CREATE INDEX `reports_project_state_idx` ON `reports` (`project_id`,`state`,`approved_at`);--> statement-breakpoint
CREATE INDEX `reports_round_state_idx` ON `reports` (`round_id`,`state`);--> statement-breakpoint
ALTER TABLE `users` ADD `language` text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `reminders_off` integer DEFAULT false NOT NULL;