package org.replprov.wql;

import org.replprov.cim.CimException;
import org.replprov.cim.WbemStatus;

/**
 * A query that cannot be run, with the place that says why: a syntax error found by the parser, or a name or
 * constant that does not fit the schema, found when the query is compiled against a namespace. Both reach a WMI
 * client the same way (MS-WMI §3.1.4.3.18: WBEM_E_INVALID_QUERY and relatives), so both carry the 1-based column and
 * the offending token.
 */
public class WqlParseException extends CimException {

    private final int column;
    private final String token;

    public WqlParseException(WbemStatus status, String description, int column, String token) {
        super(status, description);
        this.column = column;
        this.token = token;
    }

    /** The 1-based column where the problem starts. */
    public int column() {
        return column;
    }

    /** The offending token as written; empty at the end of the query. */
    public String token() {
        return token;
    }

    /** {@code WBEM_E_INVALID_QUERY (0x80041017) at column 27: description}. */
    @Override
    public String getMessage() {
        return status().describe() + " at column " + column + ": " + description();
    }
}
