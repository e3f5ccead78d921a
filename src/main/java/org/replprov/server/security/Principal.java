package org.replprov.server.security;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The authenticated caller of one request. With authentication off every caller is {@link #ANONYMOUS}, who holds
 * both roles: the configuration then allows loopback listeners only.
 */
public record Principal(String name, Set<Role> roles) {

    public static final Principal ANONYMOUS = new Principal("anonymous", EnumSet.allOf(Role.class));

    public Principal {
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(roles);
    }

    public boolean may(Role needed) {
        return roles.stream().anyMatch(r -> r.grants(needed));
    }
}
