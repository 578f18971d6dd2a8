ALTER TABLE `search_log` ADD `conversation_id` text;--> statement-breakpoint
CREATE INDEX `search_log_conversation_idx` ON `search_log` (`conversation_id`);