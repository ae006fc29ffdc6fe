CREATE TABLE `document_entries` (
	`document_id` integer NOT NULL,
	`entry_id` integer NOT NULL,
	PRIMARY KEY(`document_id`, `entry_id`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entry_id`) REFERENCES `knowledge_entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `document_entries_entry_idx` ON `document_entries` (`entry_id`);--> statement-breakpoint
CREATE TABLE `document_events` (
	`document_id` integer NOT NULL,
	`event_id` integer NOT NULL,
	PRIMARY KEY(`document_id`, `event_id`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `document_events_event_idx` ON `document_events` (`event_id`);--> statement-breakpoint
CREATE TABLE `document_projects` (
	`document_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	PRIMARY KEY(`document_id`, `project_id`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `document_projects_project_idx` ON `document_projects` (`project_id`);--> statement-breakpoint
CREATE TABLE `document_texts` (
	`document_id` integer NOT NULL,
	`part` integer NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`document_id`, `part`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `document_topics` (
	`document_id` integer NOT NULL,
	`topic_id` integer NOT NULL,
	PRIMARY KEY(`document_id`, `topic_id`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `document_topics_topic_idx` ON `document_topics` (`topic_id`);--> statement-breakpoint
CREATE TABLE `documents` (
	`id` integer PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`language` text,
	`category` text,
	`document_date` text,
	`document_date_precision` text,
	`origin` text NOT NULL,
	`url` text,
	`file_hash` text,
	`file_size` integer,
	`media_type` text,
	`file_name` text,
	`visibility` text DEFAULT 'public' NOT NULL,
	`text_state` text DEFAULT 'none' NOT NULL,
	`text_error` text,
	`text_part_kind` text,
	`description` text,
	`created_at` text NOT NULL,
	`created_by_user_id` integer,
	`created_by_name` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `documents_hash_idx` ON `documents` (`file_hash`);--> statement-breakpoint
CREATE INDEX `documents_visibility_idx` ON `documents` (`visibility`,`document_date`);--> statement-breakpoint
CREATE TABLE `event_session_organisations` (
	`session_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	PRIMARY KEY(`session_id`, `organisation_id`),
	FOREIGN KEY (`session_id`) REFERENCES `event_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `event_session_projects` (
	`session_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	PRIMARY KEY(`session_id`, `project_id`),
	FOREIGN KEY (`session_id`) REFERENCES `event_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `event_sessions` (
	`id` integer PRIMARY KEY NOT NULL,
	`event_id` integer NOT NULL,
	`title` text NOT NULL,
	`title_zh` text,
	`title_de` text,
	`title_translated_by` text,
	`topic_id` integer,
	`outcomes` text,
	`source_id` integer,
	`position` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `event_sessions_event_idx` ON `event_sessions` (`event_id`,`position`);--> statement-breakpoint
CREATE INDEX `event_sessions_topic_idx` ON `event_sessions` (`topic_id`);--> statement-breakpoint
CREATE TABLE `knowledge_answers` (
	`id` integer PRIMARY KEY NOT NULL,
	`entry_id` integer NOT NULL,
	`body` text NOT NULL,
	`language` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`author_user_id` integer,
	`author_name` text NOT NULL,
	`organisation_id` integer,
	`created_at` text NOT NULL,
	`moderated_at` text,
	`moderated_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`entry_id`) REFERENCES `knowledge_entries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `knowledge_answers_entry_idx` ON `knowledge_answers` (`entry_id`,`state`);--> statement-breakpoint
CREATE TABLE `knowledge_entries` (
	`id` integer PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`kind` text NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`language` text NOT NULL,
	`is_resolved` integer DEFAULT false NOT NULL,
	`session_id` integer,
	`author_user_id` integer,
	`author_name` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`published_at` text,
	`review_comment` text,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `event_sessions`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`author_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `knowledge_entries_slug_unique` ON `knowledge_entries` (`slug`);--> statement-breakpoint
CREATE INDEX `knowledge_entries_state_idx` ON `knowledge_entries` (`state`,`published_at`);--> statement-breakpoint
CREATE INDEX `knowledge_entries_session_idx` ON `knowledge_entries` (`session_id`);--> statement-breakpoint
CREATE TABLE `knowledge_entry_events` (
	`entry_id` integer NOT NULL,
	`event_id` integer NOT NULL,
	PRIMARY KEY(`entry_id`, `event_id`),
	FOREIGN KEY (`entry_id`) REFERENCES `knowledge_entries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `knowledge_entry_events_event_idx` ON `knowledge_entry_events` (`event_id`);--> statement-breakpoint
CREATE TABLE `knowledge_entry_organisations` (
	`entry_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	PRIMARY KEY(`entry_id`, `organisation_id`),
	FOREIGN KEY (`entry_id`) REFERENCES `knowledge_entries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `knowledge_entry_organisations_org_idx` ON `knowledge_entry_organisations` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `knowledge_entry_projects` (
	`entry_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	PRIMARY KEY(`entry_id`, `project_id`),
	FOREIGN KEY (`entry_id`) REFERENCES `knowledge_entries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `knowledge_entry_projects_project_idx` ON `knowledge_entry_projects` (`project_id`);--> statement-breakpoint
CREATE TABLE `knowledge_entry_texts` (
	`entry_id` integer NOT NULL,
	`language` text NOT NULL,
	`title` text NOT NULL,
	`summary` text,
	`context` text,
	`barriers` text,
	`enabling_factors` text,
	`outcomes` text,
	`lessons` text,
	`resources` text,
	`translated_by` text,
	PRIMARY KEY(`entry_id`, `language`),
	FOREIGN KEY (`entry_id`) REFERENCES `knowledge_entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `knowledge_entry_topics` (
	`entry_id` integer NOT NULL,
	`topic_id` integer NOT NULL,
	PRIMARY KEY(`entry_id`, `topic_id`),
	FOREIGN KEY (`entry_id`) REFERENCES `knowledge_entries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `knowledge_entry_topics_topic_idx` ON `knowledge_entry_topics` (`topic_id`);