ALTER TABLE `events` ADD `title_zh` text;--> statement-breakpoint
ALTER TABLE `events` ADD `title_de` text;--> statement-breakpoint
ALTER TABLE `events` ADD `title_translated_by` text;