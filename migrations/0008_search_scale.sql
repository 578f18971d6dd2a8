CREATE TABLE `search_fts_docs` (
	`doc` integer PRIMARY KEY NOT NULL,
	`article_id` text NOT NULL,
	`updated_at` integer NOT NULL,
	`length` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_fts_docs_article_id_unique` ON `search_fts_docs` (`article_id`);--> statement-breakpoint
CREATE TABLE `search_snapshots` (
	`id` text NOT NULL,
	`chunk` integer NOT NULL,
	`chunks` integer NOT NULL,
	`version` text NOT NULL,
	`format` text NOT NULL,
	`bytes` integer NOT NULL,
	`data` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`id`, `chunk`)
);
--> statement-breakpoint
CREATE INDEX `search_snapshots_created_idx` ON `search_snapshots` (`created_at`);--> statement-breakpoint
CREATE TABLE `search_state` (
	`key` text PRIMARY KEY NOT NULL,
	`seq` integer DEFAULT 0 NOT NULL,
	`cursor` integer DEFAULT 0 NOT NULL,
	`docs` integer DEFAULT 0 NOT NULL,
	`terms` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Written by hand (drizzle-kit knows no virtual tables or triggers); docs/scaling.md explains.
-- The FTS5 search backend: contentless (the app keeps the text; only the index is stored), rows
-- deletable (contentless_delete, SQLite >= 3.43: libSQL and D1 have it), filled with the app's own
-- terms (Han bigrams hex-encoded behind '~', English stems, filter tokens behind '_').
CREATE VIRTUAL TABLE `search_fts` USING fts5(phrasings, body, filters, content='', contentless_delete=1, tokenize="unicode61 remove_diacritics 0 tokenchars '~_'");--> statement-breakpoint
CREATE VIRTUAL TABLE `search_fts_vocab` USING fts5vocab(`search_fts`, 'row');--> statement-breakpoint
INSERT INTO `search_state` (`key`, `seq`) VALUES ('content', 0), ('fts', -1);--> statement-breakpoint
CREATE TRIGGER `search_seq_articles_insert` AFTER INSERT ON `articles` BEGIN UPDATE `search_state` SET `seq` = `seq` + 1 WHERE `key` = 'content'; END;--> statement-breakpoint
CREATE TRIGGER `search_seq_articles_update` AFTER UPDATE ON `articles` BEGIN UPDATE `search_state` SET `seq` = `seq` + 1 WHERE `key` = 'content'; END;--> statement-breakpoint
CREATE TRIGGER `search_seq_articles_delete` AFTER DELETE ON `articles` BEGIN UPDATE `search_state` SET `seq` = `seq` + 1 WHERE `key` = 'content'; END;--> statement-breakpoint
CREATE TRIGGER `search_seq_synonyms_insert` AFTER INSERT ON `synonym_sets` BEGIN UPDATE `search_state` SET `seq` = `seq` + 1 WHERE `key` = 'content'; END;--> statement-breakpoint
CREATE TRIGGER `search_seq_synonyms_update` AFTER UPDATE ON `synonym_sets` BEGIN UPDATE `search_state` SET `seq` = `seq` + 1 WHERE `key` = 'content'; END;--> statement-breakpoint
CREATE TRIGGER `search_seq_synonyms_delete` AFTER DELETE ON `synonym_sets` BEGIN UPDATE `search_state` SET `seq` = `seq` + 1 WHERE `key` = 'content'; END;
