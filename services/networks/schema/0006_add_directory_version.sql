-- A token that changes with every change of the area directory (areas and
-- municipalities), so the service can keep the directory it loaded until it
-- changes: most operations read the whole directory. Random, so that it also
-- tells two databases apart, and a change rolled back takes its token back
-- with it. Kept by triggers: no writer can forget it.
CREATE TABLE directory_version (
  id     INTEGER PRIMARY KEY CHECK (id = 1),
  token  BLOB NOT NULL
);
INSERT INTO directory_version (id, token) VALUES (1, randomblob(16));

CREATE TRIGGER areas_inserted AFTER INSERT ON areas
BEGIN UPDATE directory_version SET token = randomblob(16); END;
CREATE TRIGGER areas_updated AFTER UPDATE ON areas
BEGIN UPDATE directory_version SET token = randomblob(16); END;
CREATE TRIGGER areas_deleted AFTER DELETE ON areas
BEGIN UPDATE directory_version SET token = randomblob(16); END;
CREATE TRIGGER municipalities_inserted AFTER INSERT ON municipalities
BEGIN UPDATE directory_version SET token = randomblob(16); END;
CREATE TRIGGER municipalities_updated AFTER UPDATE ON municipalities
BEGIN UPDATE directory_version SET token = randomblob(16); END;
CREATE TRIGGER municipalities_deleted AFTER DELETE ON municipalities
BEGIN UPDATE directory_version SET token = randomblob(16); END;
