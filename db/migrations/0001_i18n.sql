ALTER TABLE `organisations` ADD `name_de` text;--> statement-breakpoint
ALTER TABLE `projects` ADD `summary_zh` text;--> statement-breakpoint
ALTER TABLE `projects` ADD `summary_de` text;--> statement-breakpoint
ALTER TABLE `projects` ADD `summary_translated_by` text;