package org.replprov.cli;

/**
 * The daemon could not be reached or refused a request. {@link #exitCode()} is what the command exits with:
 * {@value #UNREACHABLE} unreachable, {@value #REFUSED} authentication or authorization refused, {@value #CIM_ERROR}
 * any other error answer.
 */
final class ApiException extends Exception {

    static final int UNREACHABLE = 101;
    static final int REFUSED = 102;
    static final int CIM_ERROR = 103;

    private final int exitCode;

    ApiException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
