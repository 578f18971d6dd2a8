CREATE TABLE `article_vectors` (
	`article_id` text NOT NULL,
	`model` text NOT NULL,
	`part` integer NOT NULL,
	`text_hash` text NOT NULL,
	`dims` integer NOT NULL,
	`vector` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`article_id`, `model`, `part`)
);
--> statement-breakpoint
CREATE INDEX `article_vectors_model_idx` ON `article_vectors` (`model`,`updated_at`);