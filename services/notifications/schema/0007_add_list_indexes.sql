-- Issue 16 (pagination): the delivery log pages newest first (created_us, id),
-- for everyone's deliveries and for one person's mailboxes.
CREATE INDEX deliveries_by_created ON deliveries (created_us, id);
CREATE INDEX deliveries_by_mailbox ON deliveries (mailbox, created_us, id);
