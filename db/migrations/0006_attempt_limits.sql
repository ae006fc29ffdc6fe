CREATE TABLE `attempt_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`last_failure_at` text NOT NULL,
	`blocked_until` text,
	`audit_id` integer
);
--> statement-breakpoint
CREATE INDEX `attempt_limits_last_failure_idx` ON `attempt_limits` (`last_failure_at`);--> statement-breakpoint
DROP TABLE `login_failures`;