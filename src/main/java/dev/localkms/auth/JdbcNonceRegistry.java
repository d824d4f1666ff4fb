package dev.localkms.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps nonces in the database, where the primary key on (access key, nonce) makes a replay fail even
 * when the two requests reach different instances. It serves databases that several instances may
 * share, set with {@code kms.storage.jdbc-url}.
 *
 * <p>Registrations are written by one writer thread in group commits: the nonces of requests that arrive
 * while a commit is running go into the next transaction together, because a commit is the largest cost
 * of recording a nonce: H2 writes each commit to its file under a store-wide lock. Each request still
 * waits until its own nonce is committed.
 *
 * <p>On PostgreSQL the nonce transactions commit asynchronously ({@code synchronous_commit} off): the
 * rows are visible to every instance, and the primary key enforced, as soon as the commit returns, but
 * the commit does not wait for its WAL flush. A crash of the database server can lose the nonces
 * committed shortly before it, until the WAL writer's next flush ({@code wal_writer_delay}, 200 ms by
 * default), and their requests could then be replayed within their timestamp's validity. Keys, aliases
 * and every other record still commit synchronously.
 */
class JdbcNonceRegistry implements NonceRegistry, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(JdbcNonceRegistry.class);

    /** Maximum number of registrations written in one transaction. */
    static final int MAX_BATCH = 256;
    /** Maximum time a request waits for its batch to commit, well above any lock or statement timeout. */
    private static final Duration COMMIT_WAIT = Duration.ofSeconds(60);
    private static final String UNIQUE_VIOLATION = "23505";

    /** The batch order, which is also the order of the row locks a transaction takes. */
    private static final Comparator<Registration> LOCK_ORDER =
            Comparator.comparing(Registration::accessKeyId).thenComparing(Registration::nonce);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final BlockingQueue<Registration> pending = new LinkedBlockingQueue<>();
    /** Whether the database is PostgreSQL, or null until the first batch is written. */
    private volatile Boolean postgres;
    private final Thread writer;
    private volatile boolean running = true;

    JdbcNonceRegistry(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.writer = new Thread(this::writeBatches, "nonce-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Queues the nonce for the next group commit and waits for its result. When the writer thread has
     * stopped, at shutdown, the calling thread writes the nonce itself.
     */
    @Override
    public boolean register(String accessKeyId, String nonce, Instant now, Instant expiresAt) {
        Registration registration = new Registration(accessKeyId, nonce, now, expiresAt, new CompletableFuture<>());
        if (!running) {
            return registerNow(List.of(registration)).get(0);
        }
        pending.add(registration);
        try {
            return registration.result().get(COMMIT_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new DataAccessResourceFailureException("Recording a signature nonce failed.", e.getCause());
        } catch (TimeoutException e) {
            throw new DataAccessResourceFailureException(
                    "Recording a signature nonce timed out after " + COMMIT_WAIT.toSeconds() + " s.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessResourceFailureException("Interrupted while recording a signature nonce.", e);
        }
    }

    private void writeBatches() {
        List<Registration> batch = new ArrayList<>(MAX_BATCH);
        try {
            while (running) {
                Registration first = pending.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                pending.drainTo(batch, MAX_BATCH - 1);
                complete(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // Later registrations are written by their own threads, so none waits for a writer that is gone.
            running = false;
        }
    }

    /** Writes one batch and hands each request its result, or the batch's failure. */
    private void complete(List<Registration> batch) {
        batch.sort(LOCK_ORDER);
        try {
            List<Boolean> results = registerNow(batch);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException e) {
            log.warn("Recording {} signature nonces failed: {}", batch.size(), e.toString());
            batch.forEach(registration -> registration.result().completeExceptionally(e));
        }
    }

    /**
     * Registers the batch in one transaction and returns, in the batch's order, whether each nonce was new.
     * Batches are sorted in {@link #LOCK_ORDER} first, so two instances writing overlapping batches wait
     * for each other instead of deadlocking.
     */
    private List<Boolean> registerNow(List<Registration> batch) {
        return jdbc.execute((ConnectionCallback<List<Boolean>>) connection -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                List<Boolean> results = isPostgres(connection)
                        ? upsertAll(connection, batch)
                        : insertEach(connection, batch);
                connection.commit();
                return results;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        });
    }

    /**
     * Writes the batch on PostgreSQL with one statement per nonce, sent in one round trip. A nonce is new
     * when its row is inserted or when it takes over an expired row. A row that has not expired is left
     * alone and counts 0, even when an earlier statement of the same batch inserted it.
     */
    private static List<Boolean> upsertAll(Connection connection, List<Registration> batch) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL synchronous_commit TO OFF");
        }
        try (PreparedStatement upsert = connection.prepareStatement("""
                insert into signature_nonce (access_key_id, nonce, expires_at) values (?, ?, ?)
                on conflict (access_key_id, nonce) do update set expires_at = excluded.expires_at
                where signature_nonce.expires_at < ?""")) {
            for (Registration registration : batch) {
                upsert.setString(1, registration.accessKeyId());
                upsert.setString(2, registration.nonce());
                upsert.setTimestamp(3, Timestamp.from(registration.expiresAt()));
                upsert.setTimestamp(4, Timestamp.from(registration.now()));
                upsert.addBatch();
            }
            int[] counts = upsert.executeBatch();
            List<Boolean> results = new ArrayList<>(batch.size());
            for (int count : counts) {
                results.add(count > 0);
            }
            return results;
        }
    }

    /** Writes the batch on other databases, one nonce at a time, each in a savepoint. */
    private static List<Boolean> insertEach(Connection connection, List<Registration> batch) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                        "insert into signature_nonce (access_key_id, nonce, expires_at) values (?, ?, ?)");
                PreparedStatement deleteExpired = connection.prepareStatement(
                        "delete from signature_nonce where access_key_id = ? and nonce = ? and expires_at < ?")) {
            List<Boolean> results = new ArrayList<>(batch.size());
            for (Registration registration : batch) {
                results.add(registerOne(connection, insert, deleteExpired, registration));
            }
            return results;
        }
    }

    private boolean isPostgres(Connection connection) throws SQLException {
        Boolean known = postgres;
        if (known == null) {
            known = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
            postgres = known;
        }
        return known;
    }

    /**
     * Inserts the nonce. Only when it is already recorded does it delete that record, if it has expired,
     * and insert again. A duplicate rolls back to a savepoint, so the rest of the batch stays in the
     * transaction on PostgreSQL too.
     */
    private static boolean registerOne(Connection connection, PreparedStatement insert,
            PreparedStatement deleteExpired, Registration registration) throws SQLException {
        if (insert(connection, insert, registration)) {
            return true;
        }
        deleteExpired.setString(1, registration.accessKeyId());
        deleteExpired.setString(2, registration.nonce());
        deleteExpired.setTimestamp(3, Timestamp.from(registration.now()));
        return deleteExpired.executeUpdate() > 0 && insert(connection, insert, registration);
    }

    private static boolean insert(Connection connection, PreparedStatement insert, Registration registration)
            throws SQLException {
        insert.setString(1, registration.accessKeyId());
        insert.setString(2, registration.nonce());
        insert.setTimestamp(3, Timestamp.from(registration.expiresAt()));
        Savepoint savepoint = connection.setSavepoint();
        try {
            insert.executeUpdate();
            connection.releaseSavepoint(savepoint);
            return true;
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback(savepoint);
            return false;
        }
    }

    @Override
    public void forgetAll() {
        jdbc.update("delete from signature_nonce");
    }

    /** Deletes expired nonces once a minute. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void purgeExpired() {
        int deleted = jdbc.update("delete from signature_nonce where expires_at < ?", Timestamp.from(clock.instant()));
        if (deleted > 0) {
            log.debug("Deleted {} expired signature nonces", deleted);
        }
    }

    /**
     * Stops the writer thread once the web server has stopped taking requests, and writes what is still
     * queued on this thread.
     */
    @Override
    public void destroy() throws InterruptedException {
        running = false;
        writer.join(Duration.ofSeconds(5).toMillis());
        List<Registration> rest = new ArrayList<>();
        pending.drainTo(rest);
        if (!rest.isEmpty()) {
            complete(rest);
        }
    }

    private record Registration(String accessKeyId, String nonce, Instant now, Instant expiresAt,
            CompletableFuture<Boolean> result) {
    }
}
