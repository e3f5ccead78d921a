package org.replprov.provider.spi;

import java.util.Objects;

/**
 * Who a request is for, as far as a provider may care: the authenticated user and what that user may do. The
 * operation layer has already refused what the role does not allow (a reader invoking a method), so a provider reads
 * this to log or audit, not to check again.
 *
 * @param user the user name the request authenticated as ({@code anonymous} with authentication off)
 * @param role the most the user may do
 */
public record Caller(String user, Role role) {

    /** What a caller may do: a reader queries, enumerates and gets; an operator may also change state. */
    public enum Role {
        READER,
        OPERATOR
    }

    /** Calls made in the process itself (an embedding program, the command line, a provider's own work). */
    public static final Caller LOCAL = new Caller("local", Role.OPERATOR);

    public Caller {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
    }

    /** True when the caller may do what {@code needed} allows: an operator may read. */
    public boolean may(Role needed) {
        return role == needed || role == Role.OPERATOR;
    }
}
