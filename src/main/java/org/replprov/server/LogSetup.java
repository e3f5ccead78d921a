package org.replprov.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.Iterator;
import org.replprov.server.config.DaemonConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the configured log level, access log and format to Logback. The text format (logback.xml) prints one line per event
 * with the request id and user; the JSON format replaces the encoder of every console appender with Logback's JSON
 * encoder: one JSON object per line, the request id and user among its MDC entries, for log collectors.
 */
public final class LogSetup {

    /** The logger of the access log, one line per request. */
    public static final String ACCESS_LOGGER = "org.replprov.access";

    private LogSetup() {
    }

    public static void apply(DaemonConfig.Log config) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J binding was put on the class path; it configures itself
        }
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(config.level(), Level.INFO));
        // Off unless asked for: under load one line per request is most of the log (docs/daemon.md, Logs).
        context.getLogger(ACCESS_LOGGER).setLevel(config.access() ? Level.INFO : Level.OFF);
        if (!config.format().equals("json")) {
            return;
        }
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof ConsoleAppender<ILoggingEvent> console) {
                JsonEncoder json = new JsonEncoder();
                json.setContext(context);
                // The message as an operator reads it, not its template and arguments apart.
                json.setWithFormattedMessage(true);
                json.setWithMessage(false);
                json.setWithArguments(false);
                json.setWithContext(false);
                json.setWithSequenceNumber(false);
                json.setWithNanoseconds(false);
                json.start();
                Encoder<ILoggingEvent> old = console.getEncoder();
                console.stop();
                console.setEncoder(json);
                console.start();
                old.stop();
            }
        }
    }
}
