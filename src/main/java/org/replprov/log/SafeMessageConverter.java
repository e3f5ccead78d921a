package org.replprov.log;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The {@code %msg} of the text log format with control characters escaped and the whole message bounded to
 * {@link #MAX} characters, as {@link LogSafe} does to one value: a backstop, so that a value some log call forgot to
 * pass through {@link LogSafe} still cannot forge a line. Stack traces are printed apart ({@code %ex}) and untouched.
 * The JSON format needs no such thing: its encoder escapes every string.
 */
public final class SafeMessageConverter extends ClassicConverter {

    /** The longest message written whole; longer ones are cut and say so. */
    public static final int MAX = 8192;

    @Override
    public String convert(ILoggingEvent event) {
        return LogSafe.of(event.getFormattedMessage(), MAX);
    }
}
