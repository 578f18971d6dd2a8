CREATE TABLE `article_views` (
	`id` text PRIMARY KEY NOT NULL,
	`conversation_id` text NOT NULL,
	`article_id` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `article_views_conversation_idx` ON `article_views` (`conversation_id`,`at`);