package org.replprov.server.security;

/**
 * What a user may do. A reader runs queries, enumerations and gets, watches events and scrapes metrics; an operator
 * may also invoke methods, which change replication (ForceReplication suspends or forces it).
 */
public enum Role {
    READER,
    OPERATOR;

    /** True when a user holding this role may do what {@code needed} allows: an operator may read. */
    public boolean grants(Role needed) {
        return this == needed || this == OPERATOR;
    }
}
