package dev.localkms.common;

import java.sql.SQLException;

/**
 * Classifies database errors by their SQLSTATE, which H2 and PostgreSQL report alike for integrity
 * constraint violations, wherever Spring or Hibernate wrapped them.
 */
public final class DatabaseErrors {

    /** SQLSTATE of a unique or primary key violation. */
    public static final String UNIQUE_VIOLATION = "23505";
    /** SQLSTATE of a foreign key violation. */
    public static final String FOREIGN_KEY_VIOLATION = "23503";
    /** SQLSTATE of PostgreSQL's lock timeout ({@code lock_not_available}). */
    public static final String LOCK_NOT_AVAILABLE = "55P03";

    private DatabaseErrors() {
    }

    /** Returns whether the error, or one of its causes, is a unique or primary key violation. */
    public static boolean isUniqueViolation(Throwable error) {
        return hasSqlState(error, UNIQUE_VIOLATION);
    }

    /** Returns whether the error, or one of its causes, is a foreign key violation. */
    public static boolean isForeignKeyViolation(Throwable error) {
        return hasSqlState(error, FOREIGN_KEY_VIOLATION);
    }

    /** Returns whether the error, or one of its causes, is PostgreSQL's lock timeout. */
    public static boolean isLockNotAvailable(Throwable error) {
        return hasSqlState(error, LOCK_NOT_AVAILABLE);
    }

    private static boolean hasSqlState(Throwable error, String sqlState) {
        Throwable current = error;
        while (current != null) {
            if (current instanceof SQLException sql && sqlState.equals(sql.getSQLState())) {
                return true;
            }
            Throwable cause = current.getCause();
            current = cause == current ? null : cause;
        }
        return false;
    }
}
