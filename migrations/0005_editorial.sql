CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_by` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `articles` ADD `publish_at` integer;--> statement-breakpoint
ALTER TABLE `articles` ADD `pending_revision_id` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `translation_outdated` integer DEFAULT false NOT NULL;