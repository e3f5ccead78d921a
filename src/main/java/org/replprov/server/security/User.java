package org.replprov.server.security;

import java.util.Objects;
import java.util.Set;

/** A configured user: name, password hash and roles. */
public record User(String name, PasswordHash passwordHash, Set<Role> roles) {

    public User {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(passwordHash, "passwordHash");
        roles = Set.copyOf(roles);
    }

    /** True when one of the user's roles grants {@code needed}. */
    public boolean may(Role needed) {
        return roles.stream().anyMatch(r -> r.grants(needed));
    }

    /** The user as the request pipeline sees it once authenticated. */
    public Principal principal() {
        return new Principal(name, roles);
    }
}
