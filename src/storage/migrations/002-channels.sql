-- Channels known to Paperboy, with their digest settings. A row is never deleted: unsubscribing
-- clears what it follows but keeps the delivery history, so re-subscribing never re-posts.
CREATE TABLE channels (
  pk            INTEGER PRIMARY KEY,
  platform      TEXT    NOT NULL CHECK (platform IN ('discord', 'slack')),
  workspace_id  TEXT    NOT NULL,
  channel_id    TEXT    NOT NULL,
  time          TEXT    NOT NULL,
  timezone      TEXT    NOT NULL,
  days          TEXT    NOT NULL,              -- comma-separated weekdays, 0 = Sunday
  top           INTEGER NOT NULL,
  min_upvotes   INTEGER NOT NULL,
  empty_days    TEXT    NOT NULL CHECK (empty_days IN ('silent', 'announce')),
  everything    INTEGER NOT NULL DEFAULT 0,    -- subscribed to the full digest
  subscribed_at TEXT,
  paused_reason TEXT,
  paused_at     TEXT,
  created_at    TEXT    NOT NULL,
  updated_at    TEXT    NOT NULL,
  UNIQUE (platform, workspace_id, channel_id)
);

CREATE TABLE topics (
  id          INTEGER PRIMARY KEY,
  channel_pk  INTEGER NOT NULL REFERENCES channels (pk) ON DELETE CASCADE,
  query       TEXT    NOT NULL,
  query_key   TEXT    NOT NULL,                -- lower-cased, for "already subscribed" checks
  created_at  TEXT    NOT NULL,
  UNIQUE (channel_pk, query_key)
);

-- One digest of one Hugging Face day to one channel. UNIQUE (channel, day) is what makes a
-- second post of the same digest impossible, whatever restarts happen.
CREATE TABLE deliveries (
  id              INTEGER PRIMARY KEY,
  channel_pk      INTEGER NOT NULL REFERENCES channels (pk) ON DELETE CASCADE,
  day             TEXT    NOT NULL,
  scheduled_for   TEXT    NOT NULL,
  status          TEXT    NOT NULL CHECK (status IN ('pending', 'planned', 'sent', 'empty', 'skipped', 'failed')),
  reason          TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  snapshot_json   TEXT,
  planned_at      TEXT,
  finished_at     TEXT,
  created_at      TEXT    NOT NULL,
  UNIQUE (channel_pk, day)
);
CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at) WHERE status IN ('pending', 'planned');

-- The messages a delivery is split into, fixed when planned so a restart re-sends the same content.
CREATE TABLE delivery_parts (
  delivery_id INTEGER NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
  idx         INTEGER NOT NULL,
  view_json   TEXT    NOT NULL,
  status      TEXT    NOT NULL CHECK (status IN ('pending', 'sending', 'sent')),
  message_id  TEXT,
  sent_at     TEXT,
  PRIMARY KEY (delivery_id, idx)
) WITHOUT ROWID;

-- Every paper posted to a channel by a digest: never posted there again by a digest.
CREATE TABLE posted_papers (
  channel_pk  INTEGER NOT NULL REFERENCES channels (pk) ON DELETE CASCADE,
  paper_id    TEXT    NOT NULL,
  day         TEXT    NOT NULL,
  delivery_id INTEGER NOT NULL REFERENCES deliveries (id),
  posted_at   TEXT    NOT NULL,
  PRIMARY KEY (channel_pk, paper_id)
) WITHOUT ROWID;

-- Short-lived state behind buttons (search paging), referenced by a short token in the button id.
CREATE TABLE interaction_state (
  token       TEXT PRIMARY KEY,
  payload_json TEXT NOT NULL,
  created_at  TEXT NOT NULL
);
