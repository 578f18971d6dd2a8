CREATE TABLE `article_feedback` (
	`id` text PRIMARY KEY NOT NULL,
	`article_id` text NOT NULL,
	`helpful` integer NOT NULL,
	`comment` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `article_feedback_article_idx` ON `article_feedback` (`article_id`,`at`);