package org.replprov.state;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One way to run work as a single SQLite transaction, shared by every database the project keeps: commit when the
 * work returns, roll back when it throws anything, and leave the connection in auto-commit mode either way. Callers
 * map {@link SQLException} to their own error.
 */
public final class SqlTransaction {

    /** Work against the connection that may fail with SQL errors. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    private SqlTransaction() {
    }

    /** Runs {@code work} on {@code db} as one transaction and returns its result. */
    public static <T> T run(Connection db, Work<T> work) throws SQLException {
        db.setAutoCommit(false);
        try {
            T result = work.run();
            db.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }
}
