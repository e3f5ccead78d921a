package org.replprov.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The shipped logback.xml (tests run with logback-test.xml, so it is loaded here on purpose). */
class ShippedLoggingTest {

    private static LoggerContext shipped() throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(Path.of("src/main/resources/logback.xml").toFile());
        return context;
    }

    @Test
    void theAccessLogIsOffAndTheRestAtInfo() throws Exception {
        LoggerContext context = shipped();
        assertThat(context.getLogger(LogSetup.ACCESS_LOGGER).isInfoEnabled()).isFalse();
        assertThat(context.getLogger(LogSetup.ACCESS_LOGGER).getEffectiveLevel()).isEqualTo(Level.OFF);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .as("logback has nothing to warn about in it").allMatch(s -> s.getLevel() < 1);
    }

    @Test
    void itsMessagesCannotForgeLines() throws Exception {
        LoggerContext context = shipped();
        ch.qos.logback.classic.PatternLayout layout = new ch.qos.logback.classic.PatternLayout();
        layout.setContext(context);
        layout.setPattern("%msg%n");
        layout.start();
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.setContext(context);
        events.start();
        ch.qos.logback.classic.Logger log = context.getLogger("test");
        log.addAppender(events);
        log.warn("Authentication failed for user '{}'", "admin\nINFO forged");
        assertThat(layout.doLayout(events.list.get(0))).isEqualTo(
                "Authentication failed for user 'admin\\nINFO forged'\n");
    }
}
