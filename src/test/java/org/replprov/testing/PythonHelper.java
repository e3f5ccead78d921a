package org.replprov.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A long-lived {@code python3} process running a test-resource script that speaks JSON lines: one request per line on
 * its standard input, one answer per line on its standard output, and first a {@code {"ready": true}} line (or
 * {@code {"ready": false, "error": …}} when its library cannot be imported). The cross-checks against Samba's NDR and
 * impacket's MS-WMIO code run this way.
 *
 * <p>A missing interpreter or library fails the test with the command that installs it: a cross-check is part of the
 * suite, never skipped.
 */
public final class PythonHelper implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Process process;
    private final BufferedWriter requests;
    private final BufferedReader answers;

    private PythonHelper(Process process) {
        this.process = process;
        this.requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * Starts {@code script} (a class-path resource) and waits for its ready line.
     *
     * @param library     what the script imports, for the failure message ({@code python3-samba})
     * @param stderr      where the script's standard error goes
     */
    public static PythonHelper start(String script, String library, ProcessBuilder.Redirect stderr) {
        String install = "install: apt-get install " + library;
        Process process;
        try {
            process = new ProcessBuilder(python(), resource(script).toString()).redirectError(stderr).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run python3 for the " + library + " cross-check (" + e.getMessage()
                    + "); " + install, e);
        }
        PythonHelper helper = new PythonHelper(process);
        JsonNode hello = helper.read();
        if (hello == null || !hello.path("ready").asBoolean()) {
            helper.close();
            throw new AssertionError(library + " is not usable ("
                    + (hello == null ? "no answer" : hello.path("error").asText()) + "); " + install);
        }
        return helper;
    }

    /** Debian's python3 libraries live in its dist-packages, which only the system interpreter sees. */
    private static String python() {
        Path system = Path.of("/usr/bin/python3");
        return Files.isExecutable(system) ? system.toString() : "python3";
    }

    private static Path resource(String name) {
        URL url = PythonHelper.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("no test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes one request line; {@link #flush()} sends what was written. */
    public void write(JsonNode request) {
        try {
            requests.write(request.toString());
            requests.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void flush() {
        try {
            requests.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next answer, or null when the script has stopped. */
    public JsonNode read() {
        try {
            String line = answers.readLine();
            return line == null ? null : MAPPER.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            requests.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
