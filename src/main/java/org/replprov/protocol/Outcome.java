package org.replprov.protocol;

import java.util.Optional;
import org.replprov.cim.CimException;

/**
 * How an answered operation ended, for the access log and the request metrics: the operation name, how many objects
 * the response carried, and the CIM error it reported, if any.
 */
public record Outcome(String operation, long objects, CimException error) {

    public static Outcome success(String operation, long objects) {
        return new Outcome(operation, objects, null);
    }

    public static Outcome failure(String operation, CimException error) {
        return new Outcome(operation, 0, error);
    }

    public Optional<CimException> failure() {
        return Optional.ofNullable(error);
    }
}
