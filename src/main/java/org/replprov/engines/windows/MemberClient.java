package org.replprov.engines.windows;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimValue;
import org.replprov.engines.windows.wsman.MethodResult;

/**
 * How the engine reaches one member's {@code root/MicrosoftDfs}, whatever the transport (WS-Management or DCOM):
 * WQL queries and method calls, with failures reduced to what the engine reports.
 */
interface MemberClient extends AutoCloseable {

    /** The instances of {@code cls} that {@code wql} selects, typed by the shipped class. */
    List<CimInstance> enumerate(CimClass cls, String wql) throws Failure;

    /** Calls {@code method} on the instance of {@code cls} with the given key values. */
    MethodResult invoke(CimClass cls, String method, Map<String, String> keys, Map<String, CimValue> in)
            throws Failure;

    @Override
    void close();

    /** What went wrong, as the engine reports it. */
    enum Kind {
        /** The member answered with an error code (a WBEM status or HRESULT in {@link Failure#code()}). */
        FAULT,
        TIMEOUT,
        AUTHENTICATION,
        /** Unreachable, broken connection, or an answer that cannot be read. */
        UNREACHABLE
    }

    /** A failed call; the message never carries credentials. */
    final class Failure extends Exception {
        private final Kind kind;
        private final Long code;
        private final long refusal;

        /**
         * @param code    the error code the member sent, if any
         * @param refusal what a method call refused this way answers: the code, or the status a fault means
         */
        Failure(Kind kind, Long code, long refusal, String message, Throwable cause) {
            super(message, cause);
            this.kind = kind;
            this.code = code;
            this.refusal = refusal;
        }

        long refusal() {
            return refusal;
        }

        Kind kind() {
            return kind;
        }

        OptionalLong code() {
            return code == null ? OptionalLong.empty() : OptionalLong.of(code);
        }
    }
}
