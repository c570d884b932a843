-- A row written by /readyz after a write found the disk full: it succeeds once there is room.
CREATE TABLE write_probe (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL
);
