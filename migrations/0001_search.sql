CREATE TABLE `search_log` (
	`id` text PRIMARY KEY NOT NULL,
	`query` text NOT NULL,
	`locale` text,
	`audience` text NOT NULL,
	`source` text DEFAULT 'search' NOT NULL,
	`result_count` integer NOT NULL,
	`top_ids` text NOT NULL,
	`top_score` real,
	`took_ms` real NOT NULL,
	`clicked_article_id` text,
	`clicked_at` integer,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `search_log_at_idx` ON `search_log` (`at`);--> statement-breakpoint
CREATE INDEX `search_log_query_idx` ON `search_log` (`locale`,`query`);--> statement-breakpoint
CREATE TABLE `synonym_sets` (
	`id` text PRIMARY KEY NOT NULL,
	`locale` text,
	`terms` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `articles_updated_at_idx` ON `articles` (`updated_at`);