package org.replprov.engine.spi;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * An engine call did not succeed. Checked, so that every call site decides what the failure means.
 *
 * <p>Three kinds: {@link Kind#REFUSED} — the engine answered and said no, with a return code (a Win32 error or a
 * MONITOR_STATUS value) that becomes the method's ReturnValue; {@link Kind#FAILED} — the engine itself is broken or
 * unreachable; {@link Kind#TIMED_OUT} — it did not answer in time. The last two mark the engine's connections In Error.
 */
public final class EngineException extends Exception {

    /** ERROR_NOT_SUPPORTED (MS-ERREF §2.2): the return code of an operation the engine does not carry out. */
    public static final int ERROR_NOT_SUPPORTED = 50;

    /** What went wrong. */
    public enum Kind { REFUSED, FAILED, TIMED_OUT }

    private final Kind kind;
    private final int code;

    private EngineException(Kind kind, int code, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.kind = kind;
        this.code = code;
    }

    /** The engine did its part and says no, with the return code the caller should see. */
    public static EngineException refused(int returnCode, String message) {
        if (returnCode == 0) {
            throw new IllegalArgumentException("a refusal needs a non-zero return code");
        }
        return new EngineException(Kind.REFUSED, returnCode, message, null);
    }

    /** The engine cannot do anything now (not running, unreachable, broken). */
    public static EngineException failed(String message, Throwable cause) {
        return new EngineException(Kind.FAILED, 0, message, cause);
    }

    /** The engine did not answer in time. */
    public static EngineException timedOut(String message) {
        return new EngineException(Kind.TIMED_OUT, 0, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The return code of a refusal. */
    public OptionalInt returnCode() {
        return kind == Kind.REFUSED ? OptionalInt.of(code) : OptionalInt.empty();
    }

    /** True when the engine as a whole is in trouble rather than one request being refused. */
    public boolean engineFailed() {
        return kind != Kind.REFUSED;
    }
}
