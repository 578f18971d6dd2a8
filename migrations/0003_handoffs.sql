CREATE TABLE `callbacks` (
	`id` text PRIMARY KEY NOT NULL,
	`handoff_id` text,
	`conversation_id` text NOT NULL,
	`phone` text NOT NULL,
	`window_start` integer,
	`window_end` integer,
	`note` text,
	`due_at` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`done_by` text,
	`done_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`handoff_id`) REFERENCES `handoffs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `callbacks_status_idx` ON `callbacks` (`status`,`due_at`);--> statement-breakpoint
CREATE TABLE `follow_ups` (
	`id` text PRIMARY KEY NOT NULL,
	`handoff_id` text NOT NULL,
	`due_at` integer NOT NULL,
	`outcome` text,
	`note` text,
	`agent_id` text,
	`done_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`handoff_id`) REFERENCES `handoffs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `follow_ups_due_idx` ON `follow_ups` (`done_at`,`due_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `follow_ups_handoff_open_uq` ON `follow_ups` (`handoff_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `handoff_events` (
	`id` text PRIMARY KEY NOT NULL,
	`handoff_id` text NOT NULL,
	`type` text NOT NULL,
	`actor_id` text,
	`detail` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`handoff_id`) REFERENCES `handoffs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `handoff_events_handoff_idx` ON `handoff_events` (`handoff_id`,`at`);--> statement-breakpoint
CREATE TABLE `handoffs` (
	`id` text PRIMARY KEY NOT NULL,
	`conversation_id` text NOT NULL,
	`status` text DEFAULT 'waiting' NOT NULL,
	`reason` text NOT NULL,
	`severity` text DEFAULT 'general' NOT NULL,
	`priority` integer NOT NULL,
	`category` text,
	`locale` text NOT NULL,
	`summary` text NOT NULL,
	`packet` text NOT NULL,
	`assignee_id` text,
	`queue` text DEFAULT 'general' NOT NULL,
	`escalation_level` integer DEFAULT 0 NOT NULL,
	`first_response_due` integer NOT NULL,
	`resolution_due` integer NOT NULL,
	`claimed_at` integer,
	`first_response_at` integer,
	`resolved_at` integer,
	`resolution_note` text,
	`articles_used` text,
	`reopen_count` integer DEFAULT 0 NOT NULL,
	`transfer_count` integer DEFAULT 0 NOT NULL,
	`csat_rating` integer,
	`csat_comment` text,
	`csat_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `handoffs_queue_idx` ON `handoffs` (`status`,`priority`,`first_response_due`);--> statement-breakpoint
CREATE INDEX `handoffs_assignee_idx` ON `handoffs` (`assignee_id`,`status`);--> statement-breakpoint
CREATE INDEX `handoffs_conversation_idx` ON `handoffs` (`conversation_id`);--> statement-breakpoint
CREATE INDEX `handoffs_created_idx` ON `handoffs` (`created_at`);