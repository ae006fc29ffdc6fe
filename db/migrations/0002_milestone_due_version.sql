ALTER TABLE `milestones` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `milestones` ADD `due_on` text GENERATED ALWAYS AS (coalesce(CASE revised_precision
    WHEN 'year' THEN revised_date || '-12-31'
    WHEN 'month' THEN date(revised_date || '-01', '+1 month', '-1 day')
    ELSE revised_date END,
        CASE planned_precision
    WHEN 'year' THEN planned_date || '-12-31'
    WHEN 'month' THEN date(planned_date || '-01', '+1 month', '-1 day')
    ELSE planned_date END)) VIRTUAL;--> statement-breakpoint
ALTER TABLE `milestones` ADD `is_open` integer GENERATED ALWAYS AS (status IN ('planned', 'in-progress', 'delayed')) VIRTUAL;--> statement-breakpoint
CREATE INDEX `milestones_open_due_idx` ON `milestones` (`is_open`,`due_on`);--> statement-breakpoint
CREATE INDEX `milestones_status_due_idx` ON `milestones` (`status`,`due_on`);--> statement-breakpoint
CREATE INDEX `milestones_status_actual_idx` ON `milestones` (`status`,`actual_date`);