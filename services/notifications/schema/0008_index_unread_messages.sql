-- Issue 16 (scale): an inbox's unread messages and their count.
--
-- The unread messages of a mailbox, newest first, without walking the read
-- ones (the inbox's "unread only" pages, "mark all read").
CREATE INDEX messages_unread_by_mailbox ON messages (mailbox, created_us) WHERE read_us IS NULL;

-- Each mailbox's unread count, kept by triggers in the transaction that
-- inserts, reads or removes a message. Counting at every inbox page read every
-- unread message of the caller's mailboxes: 0.8 s for KEHA's 100 000.
CREATE TABLE unread_counts (
  mailbox TEXT PRIMARY KEY,
  unread  INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO unread_counts (mailbox, unread)
  SELECT mailbox, COUNT(*) FROM messages WHERE read_us IS NULL GROUP BY mailbox;

CREATE TRIGGER messages_unread_on_insert AFTER INSERT ON messages
  WHEN NEW.read_us IS NULL
BEGIN
  INSERT INTO unread_counts (mailbox, unread) VALUES (NEW.mailbox, 1)
    ON CONFLICT (mailbox) DO UPDATE SET unread = unread + 1;
END;

CREATE TRIGGER messages_unread_on_update AFTER UPDATE OF read_us, mailbox ON messages
  WHEN (OLD.read_us IS NULL) <> (NEW.read_us IS NULL) OR OLD.mailbox <> NEW.mailbox
BEGIN
  UPDATE unread_counts SET unread = unread - 1
    WHERE OLD.read_us IS NULL AND mailbox = OLD.mailbox;
  INSERT INTO unread_counts (mailbox, unread) SELECT NEW.mailbox, 1 WHERE NEW.read_us IS NULL
    ON CONFLICT (mailbox) DO UPDATE SET unread = unread + 1;
END;

CREATE TRIGGER messages_unread_on_delete AFTER DELETE ON messages
  WHEN OLD.read_us IS NULL
BEGIN
  UPDATE unread_counts SET unread = unread - 1 WHERE mailbox = OLD.mailbox;
END;
