namespace SyndicationBot.Queue.Sqlite;

/// <summary>
/// The ledger schema as forward-only migrations. Times are INTEGER Unix milliseconds (UTC): compact for a
/// million posts and compared without parsing. Version N is applied when <c>PRAGMA user_version</c> is N-1.
/// </summary>
internal static class SqliteSchema
{
    public static IReadOnlyList<string> Migrations { get; } =
    [
        // 1: articles, posts, attempts, ingested sources.
        """
        CREATE TABLE articles (
            id            INTEGER PRIMARY KEY,
            key           TEXT NOT NULL UNIQUE,
            content_hash  TEXT NOT NULL,
            near_key      TEXT NOT NULL,
            source        TEXT NOT NULL,
            title         TEXT NOT NULL,
            url           TEXT NULL,
            language      TEXT NOT NULL,
            published_at  INTEGER NULL,
            created_at    INTEGER NOT NULL
        );
        CREATE INDEX ix_articles_content_hash ON articles(content_hash);
        CREATE INDEX ix_articles_near_key ON articles(near_key);

        CREATE TABLE posts (
            id               INTEGER PRIMARY KEY,
            article_id       INTEGER NOT NULL REFERENCES articles(id),
            article_key      TEXT NOT NULL,
            article_title    TEXT NOT NULL,
            channel          TEXT NOT NULL,
            payload          TEXT NOT NULL,
            idempotency_key  TEXT NOT NULL UNIQUE,
            state            INTEGER NOT NULL,
            urgent           INTEGER NOT NULL DEFAULT 0,
            due_at           INTEGER NOT NULL,
            ready_at         INTEGER NULL,
            attempts         INTEGER NOT NULL DEFAULT 0,
            next_attempt_at  INTEGER NULL,
            last_error       TEXT NULL,
            remote_id        TEXT NULL,
            remote_url       TEXT NULL,
            published_at     INTEGER NULL,
            lease_owner      TEXT NULL,
            lease_expires_at INTEGER NULL,
            created_at       INTEGER NOT NULL,
            updated_at       INTEGER NOT NULL,
            UNIQUE (article_key, channel)
        );
        CREATE INDEX ix_posts_ready ON posts(ready_at) WHERE ready_at IS NOT NULL;
        CREATE INDEX ix_posts_lease ON posts(lease_expires_at) WHERE state = 1;
        CREATE INDEX ix_posts_channel_due ON posts(channel, due_at);
        CREATE INDEX ix_posts_channel_published ON posts(channel, published_at) WHERE published_at IS NOT NULL;
        CREATE INDEX ix_posts_state_due ON posts(state, due_at);

        CREATE TABLE attempts (
            id           INTEGER PRIMARY KEY,
            post_id      INTEGER NOT NULL REFERENCES posts(id),
            attempt      INTEGER NOT NULL,
            owner        TEXT NOT NULL,
            started_at   INTEGER NOT NULL,
            finished_at  INTEGER NULL,
            outcome      TEXT NULL,
            detail       TEXT NULL
        );
        CREATE INDEX ix_attempts_post ON attempts(post_id);

        CREATE TABLE ingested (
            fingerprint  TEXT PRIMARY KEY,
            source       TEXT NOT NULL,
            outcome      TEXT NOT NULL,
            detail       TEXT NULL,
            at           INTEGER NOT NULL
        );
        """,

        // 2: posts keep their article's key and title only through article_id (a million posts: about 200 bytes
        //    each less, with the (article, channel) uniqueness on two integers); attempts record the moment the
        //    request was about to leave (IRequestMarks). SQLite cannot drop a column under a UNIQUE constraint, so
        //    the table is rebuilt; the caller turns foreign keys off around this migration.
        """
        CREATE TABLE posts_v2 (
            id               INTEGER PRIMARY KEY,
            article_id       INTEGER NOT NULL REFERENCES articles(id),
            channel          TEXT NOT NULL,
            payload          TEXT NOT NULL,
            idempotency_key  TEXT NOT NULL UNIQUE,
            state            INTEGER NOT NULL,
            urgent           INTEGER NOT NULL DEFAULT 0,
            due_at           INTEGER NOT NULL,
            ready_at         INTEGER NULL,
            attempts         INTEGER NOT NULL DEFAULT 0,
            next_attempt_at  INTEGER NULL,
            last_error       TEXT NULL,
            remote_id        TEXT NULL,
            remote_url       TEXT NULL,
            published_at     INTEGER NULL,
            lease_owner      TEXT NULL,
            lease_expires_at INTEGER NULL,
            created_at       INTEGER NOT NULL,
            updated_at       INTEGER NOT NULL,
            UNIQUE (article_id, channel)
        );
        INSERT INTO posts_v2 (id, article_id, channel, payload, idempotency_key, state, urgent, due_at, ready_at, attempts,
                              next_attempt_at, last_error, remote_id, remote_url, published_at, lease_owner, lease_expires_at,
                              created_at, updated_at)
        SELECT id, article_id, channel, payload, idempotency_key, state, urgent, due_at, ready_at, attempts,
               next_attempt_at, last_error, remote_id, remote_url, published_at, lease_owner, lease_expires_at,
               created_at, updated_at
        FROM posts;
        DROP TABLE posts;
        ALTER TABLE posts_v2 RENAME TO posts;
        CREATE INDEX ix_posts_ready ON posts(ready_at) WHERE ready_at IS NOT NULL;
        CREATE INDEX ix_posts_lease ON posts(lease_expires_at) WHERE state = 1;
        CREATE INDEX ix_posts_channel_due ON posts(channel, due_at);
        CREATE INDEX ix_posts_channel_published ON posts(channel, published_at) WHERE published_at IS NOT NULL;
        ALTER TABLE attempts ADD COLUMN request_at INTEGER NULL;
        """,

        // 3: an article's identity (URL, feed GUID or single-article file) shared by all its versions, so a story
        //    changed at the source is recognised; later versions are rows of their own (key "<key>#rev:<hash>") and
        //    update_posts counts the update posts a version carried. The identity is stored only where it is not the
        //    row's key (a first version with a canonical URL is found by its key), so most rows add nothing to the
        //    index; rows from before are found by their URL key the same way.
        """
        ALTER TABLE articles ADD COLUMN identity TEXT NULL;
        ALTER TABLE articles ADD COLUMN update_posts INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX ix_articles_identity ON articles(identity) WHERE identity IS NOT NULL;
        """,

        // 4: heartbeats of running services, one row per process and loop, so 'status' from another process can tell
        //    whether a service is alive (SqliteOperationsLedger).
        """
        CREATE TABLE heartbeats (
            owner       TEXT NOT NULL,
            loop        TEXT NOT NULL,
            started_at  INTEGER NOT NULL,
            at          INTEGER NOT NULL,
            PRIMARY KEY (owner, loop)
        );
        """,

        // 5: the operator's kill switch, one row per paused channel ('*' for all), read by every dispatcher each turn.
        """
        CREATE TABLE channel_switches (
            channel    TEXT PRIMARY KEY,
            paused_at  INTEGER NOT NULL,
            reason     TEXT NULL
        );
        """,

        // 6: the ledger's own identity, random, written once: a running service compares it with the file at its path
        //    and stops dispatch when the file was deleted or replaced (its open connection would write into the void).
        """
        CREATE TABLE ledger_identity (id TEXT NOT NULL);
        INSERT INTO ledger_identity (id) VALUES (lower(hex(randomblob(16))));
        """,

        // 7: the fencing token of each post's lease, raised at every claim: recording an outcome needs the token of
        //    the claim it belongs to, so a dispatcher that wakes after its lease was recovered changes nothing.
        """
        ALTER TABLE posts ADD COLUMN lease_token INTEGER NOT NULL DEFAULT 0;
        """,

        // 8: each channel's last send turn, taken before a request leaves, so spacing holds across every process on the
        //    ledger (IDispatchLedger.TakeSendTurnAsync).
        """
        CREATE TABLE channel_turns (
            channel       TEXT PRIMARY KEY,
            last_sent_at  INTEGER NOT NULL
        );
        """,

        // 9: each channel's proactive rate-limit window, counted for every process on the ledger
        //    (IDispatchLedger.TakeWindowPermitAsync).
        """
        CREATE TABLE channel_windows (
            channel       TEXT PRIMARY KEY,
            window_start  INTEGER NOT NULL,
            used          INTEGER NOT NULL
        );
        """,

        // 10: retractions, one row per post an operator or a source took back: what was done (deleted, corrected,
        //     cancelled, not possible, failed, in doubt), who did it, why and when (IRetractionLedger).
        """
        CREATE TABLE retractions (
            id           INTEGER PRIMARY KEY,
            post_id      INTEGER NOT NULL REFERENCES posts(id),
            article_key  TEXT NOT NULL,
            channel      TEXT NOT NULL,
            action       TEXT NOT NULL,
            detail       TEXT NULL,
            reason       TEXT NOT NULL,
            by_whom      TEXT NOT NULL,
            at           INTEGER NOT NULL
        );
        CREATE INDEX ix_retractions_article ON retractions(article_key);
        """,
    ];
}
