package org.replprov.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.replprov.server.config.DaemonConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the configured log level and format to Logback. The text format (logback.xml) prints one line per event
 * with the request id and user; the JSON format prints one JSON object per line, with the same fields as the MDC
 * entries {@code requestId} and {@code user}, for log collectors.
 */
public final class LogSetup {

    private LogSetup() {
    }

    public static void apply(DaemonConfig.Log config) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J binding was put on the class path; it configures itself
        }
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(config.level(), Level.INFO));
        if (config.format().equals("json")
                && root.getAppender("console") instanceof ConsoleAppender<ILoggingEvent> console) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(context);
            json.start();
            Encoder<ILoggingEvent> old = console.getEncoder();
            console.stop();
            console.setEncoder(json);
            console.start();
            old.stop();
        }
    }
}
